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
  Scenario: A second update while the first is queued is refused with 409 Conflict
    Given a Teams device the suite may update
    And I request a "teamsClient" software update to version "1.0.96.22"
    And the response status is 202
    When I request a "firmware" software update to version "2.0.1"
    Then the response status is 409
    And the response is a Graph error
