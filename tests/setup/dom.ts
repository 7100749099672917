// Component tests: jest-dom matchers, and a clean document after every test
// (Testing Library only cleans up by itself when test globals are enabled).
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
});
