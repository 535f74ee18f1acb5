@upgrade @v1.0
Feature: userScopeTeamsAppInstallation: upgrade
  Upgrade an app installation in the personal scope of the specified user to the latest version of the
  app. If successful, this method returns a 204 No Content response code. It doesn't return anything in
  the response body.

  @mutates
  Scenario: Upgrading an installed app answers 204 with no body
    Given a user's app installation the suite may upgrade
    When I upgrade the installation
    Then the response status is 204
    And the response has no body
