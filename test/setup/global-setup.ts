// Placeholder until the local cluster script lands: starts nothing.
export default async function globalSetup(): Promise<void> {}
