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
