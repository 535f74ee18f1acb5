@windowsUpdateState @beta
Feature: Update windowsUpdateState
  Update the properties of a windowsUpdateState object. If successful, this method returns a 200 OK
  response code and an updated windowsUpdateState object in the response body.

  @mutates
  Scenario: A PATCH answers 200 echoing the updated windowsUpdateState
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
