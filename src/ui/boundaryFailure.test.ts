// The error boundary's logic without a DOM: what it keeps of a failure, and "Try again" remounting.
import { describe, expect, it } from 'vitest';
import { describeFailure, failed, retried, WORKING } from '@openbook/core/boundaryFailure';
import { ErrorBoundary } from './ErrorBoundary';

describe('an error boundary', () => {
  it('describes a failure in one short line', () => {
    expect(describeFailure(new Error('Cannot read properties of undefined'))).toBe('Cannot read properties of undefined');
    expect(describeFailure(new TypeError('x is not a function'))).toBe('TypeError: x is not a function');
    expect(describeFailure('plain text\n  thrown')).toBe('plain text thrown');
    expect(describeFailure({ code: 7 })).toBe('{"code":7}');
    expect(describeFailure(undefined)).toBe('undefined');
    expect(describeFailure(new Error(''))).toBe('unknown error');
    expect(describeFailure(new Error('y'.repeat(1000)))).toHaveLength(300);
  });

  it('shows the failure, then mounts the content anew on "Try again"', () => {
    const broken = failed(WORKING, new Error('boom'));
    expect(broken).toEqual({ failure: 'boom', attempt: 0 });
    const again = retried(broken);
    expect(again).toEqual({ failure: null, attempt: 1 });
    expect(retried(failed(again, 'again'))).toEqual({ failure: null, attempt: 2 });
  });

  it('turns an error thrown while rendering into its state', () => {
    expect(ErrorBoundary.getDerivedStateFromError(new RangeError('too deep'))).toEqual({ failure: 'RangeError: too deep' });
  });
});
