@toyBell @v1.0
Feature: toyBell: ring
  Ring a toy bell. If successful, this method returns a 204 No Content response code. It doesn't
  return anything in the response body.

  Scenario: Ringing a bell answers 204 with no body
    Given a toy bell the suite may ring
    When I ring the bell
    Then the response status is 204
    And the response has no body

  @negative
  Scenario: Ringing a bell that does not exist is refused with 404
    When I ring a bell that does not exist
    Then the response status is 404
    And the response is a Graph error

  @auth @negative
  Scenario: ring without a token is refused with 401
    Given the resources the suite may use
    When I send the ring request without a token
    Then the response status is 401
    And the response is a Graph error
