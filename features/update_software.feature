@updateSoftware @beta
Feature: teamworkDevice: updateSoftware
  Update the software for a Microsoft Teams-enabled device. This API triggers a long-running operation.
  If successful, it returns 202 Accepted with a Location header holding the location of the
  teamworkDeviceOperation, which a GET reports as queued, succeeded or failed. It returns 409 Conflict
  if the operation is already in queued state.

  @lro @mutates
  Scenario: An update is accepted with a Location that resolves to its operation, which ends
    Given a Teams device the suite may update
    When I request a "teamsClient" software update to version "1.0.96.22"
    Then the response status is 202
    And the response has a "Location" header
    When I get the operation at the Location
    Then the response status is 200
    And the operation is the one the Location names
    When I poll the operation until it reaches a terminal status
    Then the operation ended as "succeeded" or "failed"

  @mutates
  Scenario Outline: Every software type the docs list is accepted: <softwareType>
    Given a Teams device the suite may update
    When I request a "<softwareType>" software update to version "<version>"
    Then the response status is 202
    And the response has a "Location" header

    Examples:
      | softwareType    | version          |
      | adminAgent      | 1.1.0.1          |
      | operatingSystem | 10.0.19045       |
      | teamsClient     | 1.0.96.22        |
      | firmware        | 2.3.4            |
      | partnerAgent    | 5.6              |
      | companyPortal   | 5.0.5484.0       |

  @lro @mutates
  Scenario: The device's operations list holds every update, a page at a time
    Given a Teams device the suite may update
    And I request a "teamsClient" software update to version "1.0.96.22"
    And the response status is 202
    And I poll the operation until it reaches a terminal status
    And I request a "firmware" software update to version "2.0.1"
    And the response status is 202
    When I list the device's operations, 1 per page
    Then the response status is 200
    And the list, followed page by page, holds every operation the scenario started

  @mock-only @mutates
  Scenario Outline: An operation started with <token> token names <caller> as its createdBy
    Given a Teams device the suite may update
    And <token> token with only the permission "TeamworkDevice.ReadWrite.All"
    When I request a "teamsClient" software update to version "1.0.96.22"
    Then the response status is 202
    When I get the operation at the Location
    Then the response status is 200
    And the operation names the caller who started it as createdBy
    When I list the device's operations, 5 per page
    Then the response status is 200
    And the list, followed page by page, holds every operation the scenario started

    Examples:
      | token          | caller                   |
      | a delegated    | the signed-in user |
      | an application | the application    |

  @mutates
  Scenario: A second update while the first is queued is refused with 409 Conflict
    Given a Teams device the suite may update
    And I request a "teamsClient" software update to version "1.0.96.22"
    And the response status is 202
    When I request a "firmware" software update to version "2.0.1"
    Then the response status is 409
    And the response is a Graph error

  @lro @mutates
  Scenario: The device accepts an update again once the operation has ended
    Given a Teams device the suite may update
    And I request a "teamsClient" software update to version "1.0.96.22"
    And the response status is 202
    And I poll the operation until it reaches a terminal status
    When I request a "firmware" software update to version "2.0.1"
    Then the response status is 202

  @mutates
  Scenario: A queued update of one device does not block another device
    Given a Teams device the suite may update
    And another Teams device the suite may update
    And I request a "teamsClient" software update to version "1.0.96.22"
    And the response status is 202
    When I request a "teamsClient" software update of the other device to version "1.0.96.22"
    Then the response status is 202

  @negative
  Scenario Outline: An invalid request body is refused with 400: <case>
    Given a Teams device the suite may update
    When I request a software update with the body:
      """
      <body>
      """
    Then the response status is 400
    And the response is a Graph error

    Examples:
      | case                     | body                                                         |
      | unknown software type    | {"softwareType": "bios", "softwareVersion": "1.0"}           |
      | missing software type    | {"softwareVersion": "1.0"}                                   |
      | mistyped software type   | {"softwareType": 7, "softwareVersion": "1.0"}                |
      | mistyped version         | {"softwareType": "firmware", "softwareVersion": 1.5}         |
      | malformed JSON           | {"softwareType": "firmware",                                 |

  @negative
  Scenario: An update of a device that does not exist is refused with 404
    When I request a "teamsClient" software update of a device that does not exist
    Then the response status is 404
    And the response is a Graph error

  Scenario: The device's operations list answers 200 with a page no longer than its $top
    Given a Teams device the suite may update
    When I list the device's operations, 5 per page
    Then the response status is 200
    And the page holds at most 5 operations

  @negative
  Scenario: An operation of the device that does not exist is refused with 404
    Given a Teams device the suite may update
    When I get an operation of the device that does not exist
    Then the response status is 404
    And the response is a Graph error
