package io.influmeter.api.revenue;

import java.io.IOException;
import java.io.Writer;

/**
 * RFC 4180 CSV: fields with a comma, quote, CR or LF are quoted and their quotes doubled; lines end
 * with CRLF. Fields starting with = + - @ are prefixed with a quote character so a spreadsheet does
 * not run them as formulas (campaign names are user input). Shared by every CSV the API writes.
 */
public final class Csv {
  private Csv() {}

  public static void row(Writer out, String... fields) throws IOException {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(field(fields[i]));
    }
    out.write("\r\n");
  }

  public static String field(String value) {
    if (value == null) {
      return "";
    }
    String text = value;
    if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !text.matches("-?[0-9]+")) {
      text = "'" + text;
    }
    boolean quote =
        text.indexOf(',') >= 0
            || text.indexOf('"') >= 0
            || text.indexOf('\r') >= 0
            || text.indexOf('\n') >= 0;
    return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }
}
