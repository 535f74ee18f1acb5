@ours
Feature: Our checks of the app upgrade
  Our own scenarios, written with graphconform's steps ('graphconform steps' lists them) and one of
  our own.

  Scenario: An upgrade answers 204 with no body and a request-id
    Given a user's app installation the suite may upgrade, the user named by id
    When I upgrade the installation
    Then the response status is 204
    And the response has no body
    And the response carries a request-id

  Scenario: An unknown installation is refused with 404, a Graph error with a request-id
    Given a user's app installation the suite may upgrade, the user named by id
    When I upgrade the installation, with an installation that does not exist
    Then the response status is 404
    And the response is a Graph error
    And the response carries a request-id
