import { describe, expect, it } from 'vitest';
import { SimulatorError, isSimulatorError } from './errors';

describe('SimulatorError', () => {
  it('carries its code, name, message and cause', () => {
    const cause = new Error('inner');
    const error = new SimulatorError('ERR_SIMULATOR_START_FAILED', 'what is wrong; how to fix it', { cause });
    expect(error).toMatchObject({
      name: 'SimulatorError',
      code: 'ERR_SIMULATOR_START_FAILED',
      message: 'what is wrong; how to fix it',
      cause,
    });
  });

  it('is recognised without instanceof, and other values are not', () => {
    const error = new SimulatorError('ERR_SIMULATOR_START_FAILED', 'x');
    const copy = Object.assign(Object.create(Error.prototype), { ...error, [Symbol.for('@zwfw/error')]: true });
    expect(isSimulatorError(error)).toBe(true);
    expect(isSimulatorError(copy)).toBe(true);
    expect(isSimulatorError(new Error('x'))).toBe(false);
    expect(isSimulatorError({ code: 'ERR_SIMULATOR_START_FAILED' })).toBe(false);
    expect(isSimulatorError(null)).toBe(false);
  });
});
