import base from "./playwright.config";

// The browser benchmarks (bench/scan-latency): same server and browser as the tests, other files.
export default { ...base, testDir: "./bench", reporter: [["line"]] };
