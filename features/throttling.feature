@throttling @mock-only
Feature: Throttling
  When a client sends too much, Graph answers 429 Too Many Requests (or 503/504) with a Retry-After
  header in seconds, possibly fractional. Clients wait that long and send the request again.

  Scenario: A throttled update is retried after its Retry-After and accepted
    Given a Teams device the suite may update
    And the mock answers the next "teamworkDevice.updateSoftware" request 429 with Retry-After "2"
    When I request a "teamsClient" software update to version "1.0.96.22"
    Then the response status is 202
    And the request was retried after waiting 2 seconds, as Retry-After asked
    And the mock saw no client come back before its Retry-After

  @lro
  Scenario: An unavailable poll is retried after its fractional Retry-After and the operation still ends
    Given a Teams device the suite may update
    And I request a "teamsClient" software update to version "1.0.96.22"
    And the response status is 202
    And the mock answers the next "teamworkDevice.getOperation" request 503 with Retry-After "1.5"
    When I poll the operation until it reaches a terminal status
    Then the operation ended as "succeeded" or "failed"
    And the request was retried after waiting 1.5 seconds, as Retry-After asked
    And the mock saw no client come back before its Retry-After
