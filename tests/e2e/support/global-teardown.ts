import { dropDatabase } from './database';

export default function globalTeardown() {
  if (process.env.E2E_DATABASE_URL) dropDatabase(process.env.E2E_DATABASE_URL);
}
