// Copies of a client with one bug each, which graphconform's gate must catch by the rule it names:
//
//   node bugged.mjs invalid-software-type   # request-body-schema: a softwareType outside the enum
//   node bugged.mjs ignore-retry-after      # client-honours-retry-after: run against a 429 fault
//   node bugged.mjs post-again              # client-polls-location: updateSoftware again, no polling
//
// Each exits 0 when it did what it means to (the gate, not the script, says it was wrong). See
// graph.mjs for the environment.

import { GraphError, ResponseType, RetryHandlerOptions, client, fail, seed } from "./graph.mjs";

const script = "bugged.mjs";
const mode = process.argv[2];
const updateSoftware = { softwareType: "teamsClient", softwareVersion: "1.0.96.22" };
const path = `/teamwork/devices/${seed.device}/updateSoftware`;
const seen = { mode };

switch (mode) {
  case "invalid-software-type": {
    const c = client(script);
    try {
      await c.api(path).version("beta").post({ softwareType: "banana", softwareVersion: "1.0.96.22" });
    } catch (err) {
      seen.statusCode = err.statusCode;
    }
    break;
  }
  case "ignore-retry-after": {
    // The client's own retry is off, and the bug retries at once, whatever Retry-After says.
    const c = client(script);
    const noRetry = new RetryHandlerOptions(0, 0, () => false);
    for (let attempt = 1; attempt <= 2; attempt++) {
      try {
        await c.api(path).version("beta").middlewareOptions([noRetry]).post(updateSoftware);
        seen.attempts = attempt;
        break;
      } catch (err) {
        if (!(err instanceof GraphError) || err.statusCode !== 429) {
          fail(script, `expected a 429 to retry, got ${err?.statusCode} ${err?.message}`, seen);
        }
        seen.throttled = err.statusCode;
      }
    }
    break;
  }
  case "post-again": {
    // The bug sends the update again instead of polling the Location it was given.
    const c = client(script);
    const raw = await c.api(path).version("beta").responseType(ResponseType.RAW).post(updateSoftware);
    seen.first = raw.status;
    const again = await c.api(path).version("beta").responseType(ResponseType.RAW).post(updateSoftware);
    seen.again = again.status;
    break;
  }
  default:
    fail(script, `unknown mode ${mode}: use invalid-software-type, ignore-retry-after or post-again`, seen);
}
console.log(JSON.stringify(seen));
