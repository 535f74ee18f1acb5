# Generated from spec/openapi.yaml by `make gencases`: do not edit. Change the pages in spec/docs,
# then run `make spec gencases`.
@generated
Feature: Requests generated from the spec
  For each operation's request body, requests the server must accept (every enumeration member, every
  optional property present and absent, null where a property is nullable, boundary values) and
  requests it must refuse with 400 and a Graph error (each property of the wrong type, null where it
  is not nullable, a value outside its enumeration, an invalid date-time, an unknown property, a
  missing required one, an empty update, malformed JSON). Each request is the docs' example with one
  thing changed.

  @teamworkDevice.updateSoftware @beta @mutates
  Scenario: teamworkDevice.updateSoftware accepts softwareType "adminAgent"
    Given the resources of the teamworkDevice.updateSoftware request
    When I send the teamworkDevice.updateSoftware request with the body:
      """json
      {"softwareType":"adminAgent","softwareVersion":"1.0.96.22"}
      """
    Then the response status is 202

  @teamworkDevice.updateSoftware @beta @mutates
  Scenario: teamworkDevice.updateSoftware accepts softwareType "operatingSystem"
    Given the resources of the teamworkDevice.updateSoftware request
    When I send the teamworkDevice.updateSoftware request with the body:
      """json
      {"softwareType":"operatingSystem","softwareVersion":"1.0.96.22"}
      """
    Then the response status is 202

  @teamworkDevice.updateSoftware @beta @mutates
  Scenario: teamworkDevice.updateSoftware accepts softwareType "teamsClient"
    Given the resources of the teamworkDevice.updateSoftware request
    When I send the teamworkDevice.updateSoftware request with the body:
      """json
      {"softwareType":"teamsClient","softwareVersion":"1.0.96.22"}
      """
    Then the response status is 202

  @teamworkDevice.updateSoftware @beta @mutates
  Scenario: teamworkDevice.updateSoftware accepts softwareType "firmware"
    Given the resources of the teamworkDevice.updateSoftware request
    When I send the teamworkDevice.updateSoftware request with the body:
      """json
      {"softwareType":"firmware","softwareVersion":"1.0.96.22"}
      """
    Then the response status is 202

  @teamworkDevice.updateSoftware @beta @mutates
  Scenario: teamworkDevice.updateSoftware accepts softwareType "partnerAgent"
    Given the resources of the teamworkDevice.updateSoftware request
    When I send the teamworkDevice.updateSoftware request with the body:
      """json
      {"softwareType":"partnerAgent","softwareVersion":"1.0.96.22"}
      """
    Then the response status is 202

  @teamworkDevice.updateSoftware @beta @mutates
  Scenario: teamworkDevice.updateSoftware accepts softwareType "companyPortal"
    Given the resources of the teamworkDevice.updateSoftware request
    When I send the teamworkDevice.updateSoftware request with the body:
      """json
      {"softwareType":"companyPortal","softwareVersion":"1.0.96.22"}
      """
    Then the response status is 202

  @teamworkDevice.updateSoftware @beta @mutates
  Scenario: teamworkDevice.updateSoftware accepts softwareType "unknownFutureValue"
    Given the resources of the teamworkDevice.updateSoftware request
    When I send the teamworkDevice.updateSoftware request with the body:
      """json
      {"softwareType":"unknownFutureValue","softwareVersion":"1.0.96.22"}
      """
    Then the response status is 202

  @teamworkDevice.updateSoftware @beta @mutates
  Scenario: teamworkDevice.updateSoftware accepts softwareVersion absent
    Given the resources of the teamworkDevice.updateSoftware request
    When I send the teamworkDevice.updateSoftware request with the body:
      """json
      {"softwareType":"teamsClient"}
      """
    Then the response status is 202

  @teamworkDevice.updateSoftware @beta @mutates
  Scenario: teamworkDevice.updateSoftware accepts softwareVersion null
    Given the resources of the teamworkDevice.updateSoftware request
    When I send the teamworkDevice.updateSoftware request with the body:
      """json
      {"softwareType":"teamsClient","softwareVersion":null}
      """
    Then the response status is 202

  @teamworkDevice.updateSoftware @beta @mutates
  Scenario: teamworkDevice.updateSoftware accepts softwareVersion ""
    Given the resources of the teamworkDevice.updateSoftware request
    When I send the teamworkDevice.updateSoftware request with the body:
      """json
      {"softwareType":"teamsClient","softwareVersion":""}
      """
    Then the response status is 202

  @teamworkDevice.updateSoftware @beta @negative
  Scenario: teamworkDevice.updateSoftware refuses a body without softwareType
    Given the resources of the teamworkDevice.updateSoftware request
    When I send the teamworkDevice.updateSoftware request with the body:
      """json
      {"softwareVersion":"1.0.96.22"}
      """
    Then the response status is 400
    And the response is a Graph error

  @teamworkDevice.updateSoftware @beta @negative
  Scenario: teamworkDevice.updateSoftware refuses softwareType "notAMember", no member of its enumeration
    Given the resources of the teamworkDevice.updateSoftware request
    When I send the teamworkDevice.updateSoftware request with the body:
      """json
      {"softwareType":"notAMember","softwareVersion":"1.0.96.22"}
      """
    Then the response status is 400
    And the response is a Graph error

  @teamworkDevice.updateSoftware @beta @negative
  Scenario: teamworkDevice.updateSoftware refuses softwareType null, which it may not be
    Given the resources of the teamworkDevice.updateSoftware request
    When I send the teamworkDevice.updateSoftware request with the body:
      """json
      {"softwareType":null,"softwareVersion":"1.0.96.22"}
      """
    Then the response status is 400
    And the response is a Graph error

  @teamworkDevice.updateSoftware @beta @negative
  Scenario: teamworkDevice.updateSoftware refuses softwareType as a number
    Given the resources of the teamworkDevice.updateSoftware request
    When I send the teamworkDevice.updateSoftware request with the body:
      """json
      {"softwareType":42,"softwareVersion":"1.0.96.22"}
      """
    Then the response status is 400
    And the response is a Graph error

  @teamworkDevice.updateSoftware @beta @negative
  Scenario: teamworkDevice.updateSoftware refuses softwareVersion as a number
    Given the resources of the teamworkDevice.updateSoftware request
    When I send the teamworkDevice.updateSoftware request with the body:
      """json
      {"softwareType":"teamsClient","softwareVersion":42}
      """
    Then the response status is 400
    And the response is a Graph error

  @teamworkDevice.updateSoftware @beta @negative
  Scenario: teamworkDevice.updateSoftware refuses an unknown property in the body
    Given the resources of the teamworkDevice.updateSoftware request
    When I send the teamworkDevice.updateSoftware request with the body:
      """json
      {"softwareType":"teamsClient","softwareVersion":"1.0.96.22","unknownProperty":true}
      """
    Then the response status is 400
    And the response is a Graph error

  @teamworkDevice.updateSoftware @beta @negative
  Scenario: teamworkDevice.updateSoftware refuses malformed JSON
    Given the resources of the teamworkDevice.updateSoftware request
    When I send the teamworkDevice.updateSoftware request with the body:
      """json
      {"softwareType":"teamsClient","softwareVersion":"1.0.96.22"
      """
    Then the response status is 400
    And the response is a Graph error

  @userScopeTeamsAppInstallation.upgrade @v1.0 @mutates
  Scenario: userScopeTeamsAppInstallation.upgrade accepts consentedPermissionSet absent
    Given the resources of the userScopeTeamsAppInstallation.upgrade request
    When I send the userScopeTeamsAppInstallation.upgrade request with the body:
      """json
      {}
      """
    Then the response status is 204

  @userScopeTeamsAppInstallation.upgrade @v1.0 @mutates
  Scenario: userScopeTeamsAppInstallation.upgrade accepts consentedPermissionSet null
    Given the resources of the userScopeTeamsAppInstallation.upgrade request
    When I send the userScopeTeamsAppInstallation.upgrade request with the body:
      """json
      {"consentedPermissionSet":null}
      """
    Then the response status is 204

  @userScopeTeamsAppInstallation.upgrade @v1.0 @mutates
  Scenario: userScopeTeamsAppInstallation.upgrade accepts consentedPermissionSet.resourceSpecificPermissions absent
    Given the resources of the userScopeTeamsAppInstallation.upgrade request
    When I send the userScopeTeamsAppInstallation.upgrade request with the body:
      """json
      {"consentedPermissionSet":{}}
      """
    Then the response status is 204

  @userScopeTeamsAppInstallation.upgrade @v1.0 @mutates
  Scenario: userScopeTeamsAppInstallation.upgrade accepts consentedPermissionSet.resourceSpecificPermissions null
    Given the resources of the userScopeTeamsAppInstallation.upgrade request
    When I send the userScopeTeamsAppInstallation.upgrade request with the body:
      """json
      {"consentedPermissionSet":{"resourceSpecificPermissions":null}}
      """
    Then the response status is 204

  @userScopeTeamsAppInstallation.upgrade @v1.0 @mutates
  Scenario: userScopeTeamsAppInstallation.upgrade accepts consentedPermissionSet.resourceSpecificPermissions empty
    Given the resources of the userScopeTeamsAppInstallation.upgrade request
    When I send the userScopeTeamsAppInstallation.upgrade request with the body:
      """json
      {"consentedPermissionSet":{"resourceSpecificPermissions":[]}}
      """
    Then the response status is 204

  @userScopeTeamsAppInstallation.upgrade @v1.0 @mutates
  Scenario: userScopeTeamsAppInstallation.upgrade accepts consentedPermissionSet.resourceSpecificPermissions[0].permissionType absent
    Given the resources of the userScopeTeamsAppInstallation.upgrade request
    When I send the userScopeTeamsAppInstallation.upgrade request with the body:
      """json
      {"consentedPermissionSet":{"resourceSpecificPermissions":[{"permissionValue":"TeamsActivity.Send.User"}]}}
      """
    Then the response status is 204

  @userScopeTeamsAppInstallation.upgrade @v1.0 @mutates
  Scenario: userScopeTeamsAppInstallation.upgrade accepts consentedPermissionSet.resourceSpecificPermissions[0].permissionType "delegated"
    Given the resources of the userScopeTeamsAppInstallation.upgrade request
    When I send the userScopeTeamsAppInstallation.upgrade request with the body:
      """json
      {"consentedPermissionSet":{"resourceSpecificPermissions":[{"permissionType":"delegated","permissionValue":"TeamsActivity.Send.User"}]}}
      """
    Then the response status is 204

  @userScopeTeamsAppInstallation.upgrade @v1.0 @mutates
  Scenario: userScopeTeamsAppInstallation.upgrade accepts consentedPermissionSet.resourceSpecificPermissions[0].permissionType "application"
    Given the resources of the userScopeTeamsAppInstallation.upgrade request
    When I send the userScopeTeamsAppInstallation.upgrade request with the body:
      """json
      {"consentedPermissionSet":{"resourceSpecificPermissions":[{"permissionType":"application","permissionValue":"TeamsActivity.Send.User"}]}}
      """
    Then the response status is 204

  @userScopeTeamsAppInstallation.upgrade @v1.0 @mutates
  Scenario: userScopeTeamsAppInstallation.upgrade accepts consentedPermissionSet.resourceSpecificPermissions[0].permissionType "unknownFutureValue"
    Given the resources of the userScopeTeamsAppInstallation.upgrade request
    When I send the userScopeTeamsAppInstallation.upgrade request with the body:
      """json
      {"consentedPermissionSet":{"resourceSpecificPermissions":[{"permissionType":"unknownFutureValue","permissionValue":"TeamsActivity.Send.User"}]}}
      """
    Then the response status is 204

  @userScopeTeamsAppInstallation.upgrade @v1.0 @mutates
  Scenario: userScopeTeamsAppInstallation.upgrade accepts consentedPermissionSet.resourceSpecificPermissions[0].permissionType "Delegated"
    Given the resources of the userScopeTeamsAppInstallation.upgrade request
    When I send the userScopeTeamsAppInstallation.upgrade request with the body:
      """json
      {"consentedPermissionSet":{"resourceSpecificPermissions":[{"permissionType":"Delegated","permissionValue":"TeamsActivity.Send.User"}]}}
      """
    Then the response status is 204

  @userScopeTeamsAppInstallation.upgrade @v1.0 @mutates
  Scenario: userScopeTeamsAppInstallation.upgrade accepts consentedPermissionSet.resourceSpecificPermissions[0].permissionType "Application"
    Given the resources of the userScopeTeamsAppInstallation.upgrade request
    When I send the userScopeTeamsAppInstallation.upgrade request with the body:
      """json
      {"consentedPermissionSet":{"resourceSpecificPermissions":[{"permissionType":"Application","permissionValue":"TeamsActivity.Send.User"}]}}
      """
    Then the response status is 204

  @userScopeTeamsAppInstallation.upgrade @v1.0 @mutates
  Scenario: userScopeTeamsAppInstallation.upgrade accepts consentedPermissionSet.resourceSpecificPermissions[0].permissionType null
    Given the resources of the userScopeTeamsAppInstallation.upgrade request
    When I send the userScopeTeamsAppInstallation.upgrade request with the body:
      """json
      {"consentedPermissionSet":{"resourceSpecificPermissions":[{"permissionType":null,"permissionValue":"TeamsActivity.Send.User"}]}}
      """
    Then the response status is 204

  @userScopeTeamsAppInstallation.upgrade @v1.0 @mutates
  Scenario: userScopeTeamsAppInstallation.upgrade accepts consentedPermissionSet.resourceSpecificPermissions[0].permissionValue absent
    Given the resources of the userScopeTeamsAppInstallation.upgrade request
    When I send the userScopeTeamsAppInstallation.upgrade request with the body:
      """json
      {"consentedPermissionSet":{"resourceSpecificPermissions":[{"permissionType":"Application"}]}}
      """
    Then the response status is 204

  @userScopeTeamsAppInstallation.upgrade @v1.0 @mutates
  Scenario: userScopeTeamsAppInstallation.upgrade accepts consentedPermissionSet.resourceSpecificPermissions[0].permissionValue null
    Given the resources of the userScopeTeamsAppInstallation.upgrade request
    When I send the userScopeTeamsAppInstallation.upgrade request with the body:
      """json
      {"consentedPermissionSet":{"resourceSpecificPermissions":[{"permissionType":"Application","permissionValue":null}]}}
      """
    Then the response status is 204

  @userScopeTeamsAppInstallation.upgrade @v1.0 @mutates
  Scenario: userScopeTeamsAppInstallation.upgrade accepts consentedPermissionSet.resourceSpecificPermissions[0].permissionValue ""
    Given the resources of the userScopeTeamsAppInstallation.upgrade request
    When I send the userScopeTeamsAppInstallation.upgrade request with the body:
      """json
      {"consentedPermissionSet":{"resourceSpecificPermissions":[{"permissionType":"Application","permissionValue":""}]}}
      """
    Then the response status is 204

  @userScopeTeamsAppInstallation.upgrade @v1.0 @negative
  Scenario: userScopeTeamsAppInstallation.upgrade refuses consentedPermissionSet as a string
    Given the resources of the userScopeTeamsAppInstallation.upgrade request
    When I send the userScopeTeamsAppInstallation.upgrade request with the body:
      """json
      {"consentedPermissionSet":"an object"}
      """
    Then the response status is 400
    And the response is a Graph error

  @userScopeTeamsAppInstallation.upgrade @v1.0 @negative
  Scenario: userScopeTeamsAppInstallation.upgrade refuses consentedPermissionSet.resourceSpecificPermissions as an object
    Given the resources of the userScopeTeamsAppInstallation.upgrade request
    When I send the userScopeTeamsAppInstallation.upgrade request with the body:
      """json
      {"consentedPermissionSet":{"resourceSpecificPermissions":{}}}
      """
    Then the response status is 400
    And the response is a Graph error

  @userScopeTeamsAppInstallation.upgrade @v1.0 @negative
  Scenario: userScopeTeamsAppInstallation.upgrade refuses consentedPermissionSet.resourceSpecificPermissions[0] null, which it may not be
    Given the resources of the userScopeTeamsAppInstallation.upgrade request
    When I send the userScopeTeamsAppInstallation.upgrade request with the body:
      """json
      {"consentedPermissionSet":{"resourceSpecificPermissions":[null]}}
      """
    Then the response status is 400
    And the response is a Graph error

  @userScopeTeamsAppInstallation.upgrade @v1.0 @negative
  Scenario: userScopeTeamsAppInstallation.upgrade refuses consentedPermissionSet.resourceSpecificPermissions[0] as a string
    Given the resources of the userScopeTeamsAppInstallation.upgrade request
    When I send the userScopeTeamsAppInstallation.upgrade request with the body:
      """json
      {"consentedPermissionSet":{"resourceSpecificPermissions":["an object"]}}
      """
    Then the response status is 400
    And the response is a Graph error

  @userScopeTeamsAppInstallation.upgrade @v1.0 @negative
  Scenario: userScopeTeamsAppInstallation.upgrade refuses consentedPermissionSet.resourceSpecificPermissions[0].permissionType "notAMember", no member of its enumeration
    Given the resources of the userScopeTeamsAppInstallation.upgrade request
    When I send the userScopeTeamsAppInstallation.upgrade request with the body:
      """json
      {"consentedPermissionSet":{"resourceSpecificPermissions":[{"permissionType":"notAMember","permissionValue":"TeamsActivity.Send.User"}]}}
      """
    Then the response status is 400
    And the response is a Graph error

  @userScopeTeamsAppInstallation.upgrade @v1.0 @negative
  Scenario: userScopeTeamsAppInstallation.upgrade refuses consentedPermissionSet.resourceSpecificPermissions[0].permissionType as a number
    Given the resources of the userScopeTeamsAppInstallation.upgrade request
    When I send the userScopeTeamsAppInstallation.upgrade request with the body:
      """json
      {"consentedPermissionSet":{"resourceSpecificPermissions":[{"permissionType":42,"permissionValue":"TeamsActivity.Send.User"}]}}
      """
    Then the response status is 400
    And the response is a Graph error

  @userScopeTeamsAppInstallation.upgrade @v1.0 @negative
  Scenario: userScopeTeamsAppInstallation.upgrade refuses consentedPermissionSet.resourceSpecificPermissions[0].permissionValue as a number
    Given the resources of the userScopeTeamsAppInstallation.upgrade request
    When I send the userScopeTeamsAppInstallation.upgrade request with the body:
      """json
      {"consentedPermissionSet":{"resourceSpecificPermissions":[{"permissionType":"Application","permissionValue":42}]}}
      """
    Then the response status is 400
    And the response is a Graph error

  @userScopeTeamsAppInstallation.upgrade @v1.0 @negative
  Scenario: userScopeTeamsAppInstallation.upgrade refuses an unknown property in consentedPermissionSet.resourceSpecificPermissions[0]
    Given the resources of the userScopeTeamsAppInstallation.upgrade request
    When I send the userScopeTeamsAppInstallation.upgrade request with the body:
      """json
      {"consentedPermissionSet":{"resourceSpecificPermissions":[{"permissionType":"Application","permissionValue":"TeamsActivity.Send.User","unknownProperty":true}]}}
      """
    Then the response status is 400
    And the response is a Graph error

  @userScopeTeamsAppInstallation.upgrade @v1.0 @negative
  Scenario: userScopeTeamsAppInstallation.upgrade refuses an unknown property in consentedPermissionSet
    Given the resources of the userScopeTeamsAppInstallation.upgrade request
    When I send the userScopeTeamsAppInstallation.upgrade request with the body:
      """json
      {"consentedPermissionSet":{"resourceSpecificPermissions":[{"permissionType":"Application","permissionValue":"TeamsActivity.Send.User"}],"unknownProperty":true}}
      """
    Then the response status is 400
    And the response is a Graph error

  @userScopeTeamsAppInstallation.upgrade @v1.0 @negative
  Scenario: userScopeTeamsAppInstallation.upgrade refuses an unknown property in the body
    Given the resources of the userScopeTeamsAppInstallation.upgrade request
    When I send the userScopeTeamsAppInstallation.upgrade request with the body:
      """json
      {"consentedPermissionSet":{"resourceSpecificPermissions":[{"permissionType":"Application","permissionValue":"TeamsActivity.Send.User"}]},"unknownProperty":true}
      """
    Then the response status is 400
    And the response is a Graph error

  @userScopeTeamsAppInstallation.upgrade @v1.0 @negative
  Scenario: userScopeTeamsAppInstallation.upgrade refuses malformed JSON
    Given the resources of the userScopeTeamsAppInstallation.upgrade request
    When I send the userScopeTeamsAppInstallation.upgrade request with the body:
      """json
      {"consentedPermissionSet":{"resourceSpecificPermissions":[{"permissionType":"Application","permissionValue":"TeamsActivity.Send.User"}]}
      """
    Then the response status is 400
    And the response is a Graph error

  @windowsUpdateState.update @beta @mutates
  Scenario: windowsUpdateState.update accepts @odata.type absent
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 200

  @windowsUpdateState.update @beta @mutates
  Scenario: windowsUpdateState.update accepts @odata.type "#microsoft.graph.windowsUpdateState"
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 200

  @windowsUpdateState.update @beta @mutates
  Scenario: windowsUpdateState.update accepts deviceDisplayName absent
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 200

  @windowsUpdateState.update @beta @mutates
  Scenario: windowsUpdateState.update accepts deviceDisplayName null
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":null,"deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 200

  @windowsUpdateState.update @beta @mutates
  Scenario: windowsUpdateState.update accepts deviceDisplayName ""
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 200

  @windowsUpdateState.update @beta @mutates
  Scenario: windowsUpdateState.update accepts deviceId absent
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 200

  @windowsUpdateState.update @beta @mutates
  Scenario: windowsUpdateState.update accepts deviceId null
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":null,"featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 200

  @windowsUpdateState.update @beta @mutates
  Scenario: windowsUpdateState.update accepts deviceId ""
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 200

  @windowsUpdateState.update @beta @mutates
  Scenario: windowsUpdateState.update accepts featureUpdateVersion absent
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 200

  @windowsUpdateState.update @beta @mutates
  Scenario: windowsUpdateState.update accepts featureUpdateVersion null
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":null,"lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 200

  @windowsUpdateState.update @beta @mutates
  Scenario: windowsUpdateState.update accepts featureUpdateVersion ""
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 200

  @windowsUpdateState.update @beta @mutates
  Scenario: windowsUpdateState.update accepts lastScanDateTime absent
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 200

  @windowsUpdateState.update @beta @mutates
  Scenario: windowsUpdateState.update accepts lastScanDateTime "0001-01-01T00:00:00Z"
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"0001-01-01T00:00:00Z","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 200

  @windowsUpdateState.update @beta @mutates
  Scenario: windowsUpdateState.update accepts lastScanDateTime "9999-12-31T23:59:59.9999999+14:00"
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"9999-12-31T23:59:59.9999999+14:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 200

  @windowsUpdateState.update @beta @mutates
  Scenario: windowsUpdateState.update accepts lastSyncDateTime absent
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 200

  @windowsUpdateState.update @beta @mutates
  Scenario: windowsUpdateState.update accepts lastSyncDateTime "0001-01-01T00:00:00Z"
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"0001-01-01T00:00:00Z","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 200

  @windowsUpdateState.update @beta @mutates
  Scenario: windowsUpdateState.update accepts lastSyncDateTime "9999-12-31T23:59:59.9999999+14:00"
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"9999-12-31T23:59:59.9999999+14:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 200

  @windowsUpdateState.update @beta @mutates
  Scenario: windowsUpdateState.update accepts qualityUpdateVersion absent
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 200

  @windowsUpdateState.update @beta @mutates
  Scenario: windowsUpdateState.update accepts qualityUpdateVersion null
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":null,"status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 200

  @windowsUpdateState.update @beta @mutates
  Scenario: windowsUpdateState.update accepts qualityUpdateVersion ""
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 200

  @windowsUpdateState.update @beta @mutates
  Scenario: windowsUpdateState.update accepts status absent
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 200

  @windowsUpdateState.update @beta @mutates
  Scenario: windowsUpdateState.update accepts status "upToDate"
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"upToDate","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 200

  @windowsUpdateState.update @beta @mutates
  Scenario: windowsUpdateState.update accepts status "pendingInstallation"
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 200

  @windowsUpdateState.update @beta @mutates
  Scenario: windowsUpdateState.update accepts status "pendingReboot"
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingReboot","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 200

  @windowsUpdateState.update @beta @mutates
  Scenario: windowsUpdateState.update accepts status "failed"
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"failed","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 200

  @windowsUpdateState.update @beta @mutates
  Scenario: windowsUpdateState.update accepts userId absent
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 200

  @windowsUpdateState.update @beta @mutates
  Scenario: windowsUpdateState.update accepts userId null
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":null,"userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 200

  @windowsUpdateState.update @beta @mutates
  Scenario: windowsUpdateState.update accepts userId ""
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 200

  @windowsUpdateState.update @beta @mutates
  Scenario: windowsUpdateState.update accepts userPrincipalName absent
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value"}
      """
    Then the response status is 200

  @windowsUpdateState.update @beta @mutates
  Scenario: windowsUpdateState.update accepts userPrincipalName null
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":null}
      """
    Then the response status is 200

  @windowsUpdateState.update @beta @mutates
  Scenario: windowsUpdateState.update accepts userPrincipalName ""
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":""}
      """
    Then the response status is 200

  @windowsUpdateState.update @beta @negative
  Scenario: windowsUpdateState.update refuses @odata.type "notAMember", no member of its enumeration
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"notAMember","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 400
    And the response is a Graph error

  @windowsUpdateState.update @beta @negative
  Scenario: windowsUpdateState.update refuses @odata.type null, which it may not be
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":null,"deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 400
    And the response is a Graph error

  @windowsUpdateState.update @beta @negative
  Scenario: windowsUpdateState.update refuses @odata.type as a number
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":42,"deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 400
    And the response is a Graph error

  @windowsUpdateState.update @beta @negative
  Scenario: windowsUpdateState.update refuses deviceDisplayName as a number
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":42,"deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 400
    And the response is a Graph error

  @windowsUpdateState.update @beta @negative
  Scenario: windowsUpdateState.update refuses deviceId as a number
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":42,"featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 400
    And the response is a Graph error

  @windowsUpdateState.update @beta @negative
  Scenario: windowsUpdateState.update refuses featureUpdateVersion as a number
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":42,"lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 400
    And the response is a Graph error

  @windowsUpdateState.update @beta @negative
  Scenario: windowsUpdateState.update refuses id null, which it may not be
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","id":null,"lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 400
    And the response is a Graph error

  @windowsUpdateState.update @beta @negative
  Scenario: windowsUpdateState.update refuses id as a number
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","id":42,"lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 400
    And the response is a Graph error

  @windowsUpdateState.update @beta @negative
  Scenario: windowsUpdateState.update refuses lastScanDateTime null, which it may not be
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":null,"lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 400
    And the response is a Graph error

  @windowsUpdateState.update @beta @negative
  Scenario: windowsUpdateState.update refuses lastScanDateTime as a number
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":42,"lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 400
    And the response is a Graph error

  @windowsUpdateState.update @beta @negative
  Scenario: windowsUpdateState.update refuses lastScanDateTime "not a date-time", no date-time
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"not a date-time","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 400
    And the response is a Graph error

  @windowsUpdateState.update @beta @negative
  Scenario: windowsUpdateState.update refuses lastScanDateTime "2026-13-01T00:00:00Z", no date-time
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2026-13-01T00:00:00Z","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 400
    And the response is a Graph error

  @windowsUpdateState.update @beta @negative
  Scenario: windowsUpdateState.update refuses lastSyncDateTime null, which it may not be
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":null,"qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 400
    And the response is a Graph error

  @windowsUpdateState.update @beta @negative
  Scenario: windowsUpdateState.update refuses lastSyncDateTime as a number
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":42,"qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 400
    And the response is a Graph error

  @windowsUpdateState.update @beta @negative
  Scenario: windowsUpdateState.update refuses lastSyncDateTime "not a date-time", no date-time
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"not a date-time","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 400
    And the response is a Graph error

  @windowsUpdateState.update @beta @negative
  Scenario: windowsUpdateState.update refuses lastSyncDateTime "2026-13-01T00:00:00Z", no date-time
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2026-13-01T00:00:00Z","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 400
    And the response is a Graph error

  @windowsUpdateState.update @beta @negative
  Scenario: windowsUpdateState.update refuses qualityUpdateVersion as a number
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":42,"status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 400
    And the response is a Graph error

  @windowsUpdateState.update @beta @negative
  Scenario: windowsUpdateState.update refuses status "notAMember", no member of its enumeration
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"notAMember","userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 400
    And the response is a Graph error

  @windowsUpdateState.update @beta @negative
  Scenario: windowsUpdateState.update refuses status null, which it may not be
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":null,"userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 400
    And the response is a Graph error

  @windowsUpdateState.update @beta @negative
  Scenario: windowsUpdateState.update refuses status as a number
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":42,"userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 400
    And the response is a Graph error

  @windowsUpdateState.update @beta @negative
  Scenario: windowsUpdateState.update refuses userId as a number
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":42,"userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 400
    And the response is a Graph error

  @windowsUpdateState.update @beta @negative
  Scenario: windowsUpdateState.update refuses userPrincipalName as a number
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":42}
      """
    Then the response status is 400
    And the response is a Graph error

  @windowsUpdateState.update @beta @negative
  Scenario: windowsUpdateState.update refuses an unknown property in the body
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","unknownProperty":true,"userId":"User Id value","userPrincipalName":"User Principal Name value"}
      """
    Then the response status is 400
    And the response is a Graph error

  @windowsUpdateState.update @beta @negative
  Scenario: windowsUpdateState.update refuses an empty object as the body
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {}
      """
    Then the response status is 400
    And the response is a Graph error

  @windowsUpdateState.update @beta @negative
  Scenario: windowsUpdateState.update refuses malformed JSON
    Given the resources of the windowsUpdateState.update request
    When I send the windowsUpdateState.update request with the body:
      """json
      {"@odata.type":"#microsoft.graph.windowsUpdateState","deviceDisplayName":"Device Display Name value","deviceId":"Device Id value","featureUpdateVersion":"Feature Update Version value","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00","qualityUpdateVersion":"Quality Update Version value","status":"pendingInstallation","userId":"User Id value","userPrincipalName":"User Principal Name value"
      """
    Then the response status is 400
    And the response is a Graph error
