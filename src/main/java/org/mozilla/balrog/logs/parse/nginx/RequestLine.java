package org.mozilla.balrog.logs.parse.nginx;

/**
 * An HTTP request line {@code METHOD URI PROTOCOL} split into its parts. Package-private: the nginx
 * parsers expose the parts as entry fields.
 */
record RequestLine(String method, String uri, String protocol) {

  /**
   * Splits a request line at its first and last space. Returns null when it is not a request line
   * (a method that is not upper-case letters, a protocol not starting with {@code HTTP/}), which
   * happens with TLS handshakes and scanner garbage sent to a plain-HTTP port. An HTTP/0.9 line
   * {@code GET /} gives a null protocol.
   */
  static RequestLine split(String request) {
    if (request == null) {
      return null;
    }
    int first = request.indexOf(' ');
    if (first <= 0 || !isMethod(request, first)) {
      return null;
    }
    int last = request.lastIndexOf(' ');
    if (last == first) {
      String uri = request.substring(first + 1);
      return uri.startsWith("/") ? new RequestLine(request.substring(0, first), uri, null) : null;
    }
    String protocol = request.substring(last + 1);
    if (!protocol.startsWith("HTTP/") || last == first + 1) {
      return null;
    }
    return new RequestLine(
        request.substring(0, first), request.substring(first + 1, last), protocol);
  }

  private static boolean isMethod(String s, int end) {
    if (end > 20) {
      return false;
    }
    for (int i = 0; i < end; i++) {
      char c = s.charAt(i);
      if ((c < 'A' || c > 'Z') && c != '_' && c != '-') {
        return false;
      }
    }
    return true;
  }
}
