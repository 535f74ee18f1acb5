@upgrade @v1.0
Feature: userScopeTeamsAppInstallation: upgrade
  Upgrade an app installation in the personal scope of the specified user to the latest version of the
  app. If successful, this method returns a 204 No Content response code. It doesn't return anything in
  the response body.

  @mutates
  Scenario Outline: Upgrading an installed app answers 204 with no body, the user named by <addressing>
    Given a user's app installation the suite may upgrade, the user named by <addressing>
    When I upgrade the installation
    Then the response status is 204
    And the response has no body

    Examples:
      | addressing          |
      | id                  |
      | user principal name |

  @mutates
  Scenario: Upgrading and consenting to resource-specific permissions answers 204 (the docs' example 2)
    Given a user's app installation the suite may upgrade, the user named by id
    When I upgrade the installation with the body:
      """json
      {
        "consentedPermissionSet": {
          "resourceSpecificPermissions": [
            {
              "permissionValue": "TeamsActivity.Send.User",
              "permissionType": "Application"
            }
          ]
        }
      }
      """
    Then the response status is 204
    And the response has no body

  @negative
  Scenario: An invalid permission type is refused with 400
    Given a user's app installation the suite may upgrade, the user named by id
    When I upgrade the installation with the body:
      """json
      {"consentedPermissionSet": {"resourceSpecificPermissions": [{"permissionValue": "TeamsActivity.Send.User", "permissionType": "owner"}]}}
      """
    Then the response status is 400
    And the response is a Graph error

  @negative
  Scenario Outline: Upgrading what does not exist is refused with 404: <what>
    Given a user's app installation the suite may upgrade, the user named by id
    When I upgrade the installation, with <what> that does not exist
    Then the response status is 404
    And the response is a Graph error

    Examples:
      | what             |
      | an installation  |
      | a user           |
