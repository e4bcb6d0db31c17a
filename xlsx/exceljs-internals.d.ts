// ExcelJS 4's writer parts that xlsx/zip-write.ts drives one by one (the package itself has no types for them).
declare module 'exceljs/lib/utils/xml-stream' {
  const XmlStream: new () => any;
  export = XmlStream;
}
declare module 'exceljs/lib/xlsx/xform/sheet/worksheet-xform' {
  const WorksheetXform: new () => any;
  export = WorksheetXform;
}
declare module 'exceljs/lib/xlsx/xform/core/relationships-xform' {
  const RelationshipsXform: new () => any;
  export = RelationshipsXform;
}
declare module 'exceljs/lib/xlsx/xform/comment/comments-xform' {
  const CommentsXform: new () => any;
  export = CommentsXform;
}
declare module 'exceljs/lib/xlsx/xform/comment/vml-notes-xform' {
  const VmlNotesXform: new () => any;
  export = VmlNotesXform;
}
declare module 'exceljs/lib/utils/utils' {
  const utils: { xmlEncode(text: string): string; dateToExcel(d: Date, date1904?: boolean): number };
  export = utils;
}
declare module 'exceljs/lib/xlsx/xform/sheet/cell-xform' {
  const CellXform: new () => any;
  export = CellXform;
}
declare module 'exceljs/lib/xlsx/xform/strings/shared-string-xform' {
  const SharedStringXform: new () => any;
  export = SharedStringXform;
}
declare module 'exceljs/lib/xlsx/xform/style/styles-xform' {
  const StylesXform: new () => any;
  export = StylesXform;
}
