/**
 * The in-memory Excel: a SimWorkbook (plain data) and `createExcel(wb)` / `createOffice(wb)`, usable where the add-in
 * expects the `Excel` and `Office` globals. Shared by the Excel tests (as the fake) and the playground (in the browser).
 */
export * from './address';
export * from './workbook';
export * from './proxy';
export * from './context';
export * from './worksheet';
export * from './range';
export * from './data-validation';
export * from './conditional-formats';
export * from './tables';
export * from './notes';
export * from './api';
export * from './charts';
export * from './custom-functions';
