package org.mozilla.balrog.logs.job;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Takes credentials out of {@code s3a://KEY:SECRET@bucket/…} locations before anything else sees
 * them ({@link JobSettings}): the key pair becomes the bucket's own S3A settings ({@code
 * fs.s3a.bucket.BUCKET.access.key} and {@code .secret.key}), and the location goes on without it.
 * So no message, summary, table or Hadoop warning ever holds the secret.
 */
final class UriCredentials {
  private UriCredentials() {}

  /**
   * {@code location} without user-info; a key pair found there is added to {@code sparkConf} as the
   * bucket's S3A credentials. Null and locations without user-info are returned as they are.
   */
  static String strip(String location, Map<String, String> sparkConf) {
    if (location == null) {
      return null;
    }
    int scheme = location.indexOf("://");
    int at = location.indexOf('@');
    if (scheme < 0 || at < 0) {
      return location;
    }
    int authorityEnd = location.indexOf('/', scheme + 3);
    if (authorityEnd < 0) {
      authorityEnd = location.length();
    }
    if (at > authorityEnd) {
      return location; // an @ in the path, not user-info
    }
    String userInfo = location.substring(scheme + 3, at);
    String host = location.substring(at + 1, authorityEnd);
    String clean = location.substring(0, scheme + 3) + location.substring(at + 1);
    String schemeName = location.substring(0, scheme);
    int colon = userInfo.indexOf(':');
    if (!schemeName.equals("s3a") || colon < 0) {
      throw new IllegalArgumentException(
          "credentials in a location are only read from s3a://KEY:SECRET@bucket/…;"
              + " this location has user-info it cannot use: "
              + clean);
    }
    String key = URLDecoder.decode(userInfo.substring(0, colon), StandardCharsets.UTF_8);
    String secret = URLDecoder.decode(userInfo.substring(colon + 1), StandardCharsets.UTF_8);
    sparkConf.put("spark.hadoop.fs.s3a.bucket." + host + ".access.key", key);
    sparkConf.put("spark.hadoop.fs.s3a.bucket." + host + ".secret.key", secret);
    return clean;
  }
}
