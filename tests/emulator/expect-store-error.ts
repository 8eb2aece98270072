import { StoreError } from '../../emulator/store/types';

/** Runs `fn` and returns the StoreError it throws, failing the test if it throws anything else or nothing. */
export function storeError(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    return error as StoreError;
  }
  throw new Error('expected a StoreError');
}
