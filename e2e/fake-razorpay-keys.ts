// The only Razorpay keys the browser tests' fake Razorpay API accepts. The e2e server starts that
// fake and points RAZORPAY_API_BASE_URL at it, so an organization that connects Razorpay in a test
// talks to it, never to Razorpay.
export const E2E_RAZORPAY_KEY_ID = "rzp_test_E2eLeadlane001";
export const E2E_RAZORPAY_KEY_SECRET = "e2eRazorpayKeySecret0001";
