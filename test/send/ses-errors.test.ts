import { describe, expect, it } from "vitest";
import { classifySesError } from "@tidings/core/send/ses-errors";

describe("SES errors", () => {
  it("sorts errors into retry, permanent and fatal", () => {
    const err = (name: string, status?: number) =>
      Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
    expect(classifySesError(err("TooManyRequestsException", 429))).toBe("retry");
    expect(classifySesError(err("ThrottlingException", 400))).toBe("retry");
    expect(classifySesError(err("InternalFailure", 500))).toBe("retry");
    // No answer at all, as the SDK reports it (it marks every error of a call with $metadata).
    const unreachable = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED", $metadata: {} });
    expect(classifySesError(unreachable)).toBe("retry");
    expect(classifySesError(new TypeError("input.map is not a function"))).toBe("fatal"); // ours: no retry mends it
    expect(classifySesError(err("MessageRejected", 400))).toBe("permanent");
    expect(classifySesError(err("BadRequestException", 400))).toBe("permanent");
    expect(classifySesError(err("SendingPausedException", 400))).toBe("fatal");
    expect(classifySesError(err("AccountSuspendedException", 400))).toBe("fatal");
    expect(classifySesError(err("NotFoundException", 404))).toBe("fatal");
    expect(classifySesError(err("LimitExceededException", 400))).toBe("fatal");
    const quota = Object.assign(new Error("Daily message quota exceeded."), { name: "ThrottlingException" });
    expect(classifySesError(quota)).toBe("fatal");
  });
});
