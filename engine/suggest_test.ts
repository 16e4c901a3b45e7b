import { equal } from "node:assert/strict";
import { editDistance, suggest } from "./suggest.ts";

Deno.test("editDistance counts swaps as one edit", () => {
  equal(editDistance("count", "cuont"), 1);
  equal(editDistance("sample", "smaple"), 1);
  equal(editDistance("output", "ouput"), 1);
  equal(editDistance("kitten", "sitting"), 3);
  equal(editDistance("", "abc"), 3);
});

Deno.test("suggest finds likely typos only", () => {
  equal(suggest("smaple", ["sample", "live"]), "sample");
  equal(suggest("logut", ["login", "action", "logout"]), "logout");
  equal(suggest("exec", ["run", "net", "read", "write", "env"]), undefined);
});
