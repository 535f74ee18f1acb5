@auth @negative
Feature: Authentication
  Every operation requires "Authorization: Bearer {token}". Without it, Graph answers 401 Unauthorized
  with a Graph error.

  Scenario Outline: <operation> without a token is refused with 401
    Given the resources the suite may use
    When I send the <operation> request without a token
    Then the response status is 401
    And the response is a Graph error

    Examples:
      | operation                |
      | updateSoftware           |
      | upgrade                  |
      | windowsUpdateState PATCH |

  Scenario: Listing a device's operations without a token is refused with 401
    Given a Teams device the suite may update
    When I list the device's operations without a token
    Then the response status is 401
    And the response is a Graph error

  @mock-only
  Scenario Outline: <operation> with <token> token lacking its permissions is refused with 403
    Given the resources the suite may use
    And <token> token with only the permission "User.Read"
    When I send the <operation> request
    Then the response status is 403
    And the response is a Graph error

    Examples:
      | token          | operation                |
      | a delegated    | updateSoftware           |
      | an application | upgrade                  |
      | a delegated    | windowsUpdateState PATCH |

  @mock-only
  Scenario Outline: <operation> with <token> token holding only its least privileged permission is accepted
    Given the resources the suite may use
    And <token> token with only the permission "<permission>"
    When I send the <operation> request
    Then the response status is <status>

    Examples:
      | token          | operation                | permission                                    | status |
      | a delegated    | updateSoftware           | TeamworkDevice.ReadWrite.All                  | 202    |
      | an application | upgrade                  | TeamsAppInstallation.ReadWriteSelfForUser.All | 204    |
      | an application | windowsUpdateState PATCH | DeviceManagementConfiguration.ReadWrite.All   | 200    |
