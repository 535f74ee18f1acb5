@windowsUpdateState @beta
Feature: Update windowsUpdateState
  Update the properties of a windowsUpdateState object. If successful, this method returns a 200 OK
  response code and an updated windowsUpdateState object in the response body.

  Scenario: A GET answers 200 with the windowsUpdateState the path names
    Given a windowsUpdateState the suite may update
    When I get the windowsUpdateState
    Then the response status is 200
    And the response has the windowsUpdateState's "id"

  @mutates
  Scenario: A PATCH answers 200 echoing the updated windowsUpdateState (the docs' example)
    Given a windowsUpdateState the suite may update
    When I update the windowsUpdateState with:
      """json
      {
        "@odata.type": "#microsoft.graph.windowsUpdateState",
        "deviceId": "Device Id value",
        "userId": "User Id value",
        "deviceDisplayName": "Device Display Name value",
        "userPrincipalName": "User Principal Name value",
        "status": "pendingInstallation",
        "qualityUpdateVersion": "Quality Update Version value",
        "featureUpdateVersion": "Feature Update Version value",
        "lastScanDateTime": "2016-12-31T23:59:18.0955018-08:00",
        "lastSyncDateTime": "2017-01-01T00:02:49.3205976-08:00"
      }
      """
    Then the response status is 200
    And the response echoes every property sent
    And the response has the windowsUpdateState's "id"

  @mutates
  Scenario: A partial PATCH changes what it sends and leaves the rest, as a following GET shows
    Given a windowsUpdateState the suite may update
    And I get the windowsUpdateState
    And the response status is 200
    When I update the windowsUpdateState with:
      """json
      {"status": "pendingReboot", "lastScanDateTime": "2026-11-22T08:15:00.5+01:00"}
      """
    Then the response status is 200
    And the response echoes every property sent
    When I get the windowsUpdateState
    Then the response status is 200
    And the windowsUpdateState shows the update and is otherwise unchanged

  @negative
  Scenario Outline: An invalid update is refused with 400: <case>
    Given a windowsUpdateState the suite may update
    When I update the windowsUpdateState with:
      """json
      <body>
      """
    Then the response status is 400
    And the response is a Graph error

    Examples:
      | case                | body                                                  |
      | invalid status      | {"status": "installing"}                              |
      | invalid date-time   | {"lastScanDateTime": "31/12/2016 23:59"}              |
      | unknown property    | {"colour": "red"}                                     |
      | wrong @odata.type   | {"@odata.type": "#microsoft.graph.user"}              |
      | mistyped property   | {"deviceDisplayName": 42}                             |

  @negative
  Scenario Outline: Updating what does not exist is refused with 404: <what>
    Given a windowsUpdateState the suite may update
    When I update the windowsUpdateState, with <what> that does not exist, with:
      """json
      {"status": "upToDate"}
      """
    Then the response status is 404
    And the response is a Graph error

    Examples:
      | what                   |
      | a state                |
      | a configuration        |
