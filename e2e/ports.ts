// The e2e servers' ports. E2E_PORT lets two checkouts run their e2e tests at the same time; the sub-path
// build (dist-e2e-sub, base /openbook/) is served 2000 above it (or on E2E_SUBPATH_PORT), clear of the
// neighbouring checkouts' ports and of Vite's dev server (5173).
export const E2E_PORT = Number(process.env.E2E_PORT ?? 4173);
export const SUBPATH_PORT = Number(process.env.E2E_SUBPATH_PORT ?? E2E_PORT + 2000);
