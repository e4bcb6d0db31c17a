/**
 * The one stand-in for Excel's `CustomFunctions` global, shared by the playground (the built add-in's functions.js
 * runs against it in the browser) and the Excel tests (functions.js in a vm).
 */

/** CustomFunctions.ErrorCode as Office defines it: the value is the error Excel shows in the cell. */
export const ERROR_CODE = {
  invalidValue: '#VALUE!',
  notAvailable: '#N/A',
  divisionByZero: '#DIV/0!',
  invalidNumber: '#NUM!',
  nullReference: '#NULL!',
  invalidName: '#NAME?',
  invalidReference: '#REF!',
} as const;

/** CustomFunctions.Error: the workbook shows `error` in the cell (the message is Excel's tooltip). */
export class CustomFunctionError {
  readonly error: string;
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {
    this.error = (Object.values(ERROR_CODE) as string[]).includes(code) ? code : '#VALUE!';
  }
}

export type CustomFunction = (...args: unknown[]) => unknown;

export interface SimCustomFunctions {
  associate(id: string | Record<string, CustomFunction>, fn?: CustomFunction): void;
  Error: typeof CustomFunctionError;
  ErrorCode: typeof ERROR_CODE;
}

/** A `CustomFunctions` global whose associate() records each function in `associated`, by its id in upper case. */
export function createCustomFunctions(associated: Map<string, CustomFunction>): SimCustomFunctions {
  return {
    associate: (id, fn) => {
      if (typeof id === 'string' && fn) associated.set(id.toUpperCase(), fn);
      else if (typeof id === 'object') for (const [k, f] of Object.entries(id)) associated.set(k.toUpperCase(), f);
    },
    Error: CustomFunctionError,
    ErrorCode: ERROR_CODE,
  };
}
