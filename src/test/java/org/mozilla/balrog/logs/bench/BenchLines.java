package org.mozilla.balrog.logs.bench;

/**
 * A small, realistic mix of aus5 traffic: mostly update checks, some Dockerflow probes, LB 504s,
 * TCP and ALB.
 */
final class BenchLines {
  private BenchLines() {}

  static final String[] ELB_LINES = {
    "2019-03-05T14:02:03.123456Z aus5-prod 198.51.100.23:51234 10.0.4.21:8080 0.000041 0.004512"
        + " 0.000027 200 200 0 42 \"GET"
        + " https://aus5.mozilla.org:443/update/6/Firefox/65.0.2/20190225143245/WINNT_x86_64-msvc-x64/en-US/release/Windows_NT%2010.0.0.0.17763.316%20(x64)/ISET:SSE4_2,MEM:8192/default/default/update.xml"
        + " HTTP/1.1\" \"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:65.0) Gecko/20100101"
        + " Firefox/65.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2",
    "2019-03-05T14:02:03.223456Z aus5-prod 203.0.113.9:61022 10.0.4.22:8080 0.000038 0.003981"
        + " 0.000025 200 200 0 42 \"GET"
        + " https://aus5.mozilla.org:443/update/6/Firefox/60.5.1/20190212162337/Linux_x86_64-gcc3/en-US/esr/"
        + "Linux%204.15.0-45-generic%20(GTK%203.22.30%2Clibpulse%2011.1)/ISET:SSE4_2,MEM:15936/default/default/update.xml"
        + " HTTP/1.1\" \"Mozilla/5.0 (X11; Linux x86_64; rv:60.0) Gecko/20100101 Firefox/60.0\""
        + " ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2",
    "2019-03-05T14:02:03.323456Z aus5-prod 192.0.2.77:49152 10.0.4.23:8080 0.000044 0.005102"
        + " 0.000031 200 200 0 1874 \"GET"
        + " https://aus5.mozilla.org:443/update/6/Firefox/64.0/20181206201918/WINNT_x86-msvc-x64/de/release/"
        + "Windows_NT%206.1.1.0%20(x64)(noBug1296630v1)(nowebsense)/ISET:SSE4_2,MEM:4096/default/default/update.xml?force=1"
        + " HTTP/1.1\" \"Mozilla/5.0 (Windows NT 6.1; WOW64; rv:64.0) Gecko/20100101 Firefox/64.0\""
        + " ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2",
    "2019-03-05T14:02:03.423456Z aus5-prod 198.51.100.40:50000 10.0.4.21:8080 0.000036 0.002212"
        + " 0.000022 200 200 0 42 \"GET"
        + " https://aus5.mozilla.org:443/update/3/GMP/65.0.2/20190225143245/WINNT_x86_64-msvc-x64/en-US/release/Windows_NT%2010.0.0.0.17763.316%20(x64)/default/default/update.xml"
        + " HTTP/1.1\" \"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:65.0) Gecko/20100101"
        + " Firefox/65.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2",
    "2019-03-05T14:02:03.523456Z aus5-prod 10.0.1.5:33210 10.0.4.21:8080 0.000021 0.000912 0.000015"
        + " 200 200 0 3 \"GET http://10.0.4.100:80/__lbheartbeat__ HTTP/1.1\" \"kube-probe/1.14\" -"
        + " -",
    "2019-03-05T14:02:04.000001Z aus5-prod 198.51.100.24:40000 - -1 -1 -1 504 - 0 0 \"GET"
        + " https://aus5.mozilla.org:443/update/6/Firefox/60.5.1/20190212162337/Linux_x86_64-gcc3/en-US/esr/"
        + "Linux%204.15.0-45-generic%20(GTK%203.22.30%2Clibpulse%2011.1)/ISET:SSE4_2,MEM:15936/default/default/update.xml"
        + " HTTP/1.1\" \"Mozilla/5.0 (X11; Linux x86_64; rv:60.0) Gecko/20100101 Firefox/60.0\""
        + " ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2",
    "2019-03-05T14:02:05.123400Z aus5-prod 198.51.100.25:2817 10.0.4.22:8080 0.001069 0.000028"
        + " 0.000041 - - 82 305 \"- - - \" \"-\" - -",
    "https 2021-06-01T10:00:00.123456Z app/aus-api-prod/50dc6c495c0c9188 198.51.100.7:50212"
        + " 10.1.2.3:8080 0.001 0.012 0.000 200 200 312 1845 \"GET"
        + " https://aus-api.mozilla.org:443/api/v1/rules/firefox-release HTTP/1.1\" \"curl/7.68.0\""
        + " ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2"
        + " arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/balrog-api/73e2d6bc24d8a067"
        + " \"Root=1-60b605c0-0123456789abcdef01234567\" \"aus-api.mozilla.org\""
        + " \"arn:aws:acm:us-west-2:123456789012:certificate/12345678-1234-1234-1234-123456789012\""
        + " 0 2021-06-01T10:00:00.110000Z \"forward\" \"-\" \"-\" \"10.1.2.3:8080\" \"200\" \"-\""
        + " \"-\"",
  };

  /** The request URLs of {@link #ELB_LINES} plus a current-gecko, fully encoded one. */
  static final String[] URLS = {
    "https://aus5.mozilla.org:443/update/6/Firefox/65.0.2/20190225143245/WINNT_x86_64-msvc-x64/en-US/release/"
        + "Windows_NT%2010.0.0.0.17763.316%20(x64)/ISET:SSE4_2,MEM:8192/default/default/update.xml",
    "https://aus5.mozilla.org:443/update/6/Firefox/60.5.1/20190212162337/Linux_x86_64-gcc3/en-US/esr/"
        + "Linux%204.15.0-45-generic%20(GTK%203.22.30%2Clibpulse%2011.1)/ISET:SSE4_2,MEM:15936/default/default/update.xml",
    "https://aus5.mozilla.org:443/update/6/Firefox/64.0/20181206201918/WINNT_x86-msvc-x64/de/release/"
        + "Windows_NT%206.1.1.0%20(x64)(noBug1296630v1)(nowebsense)/ISET:SSE4_2,MEM:4096/default/default/update.xml?force=1",
    "https://aus5.mozilla.org:443/update/3/GMP/65.0.2/20190225143245/WINNT_x86_64-msvc-x64/en-US/release/"
        + "Windows_NT%2010.0.0.0.17763.316%20(x64)/default/default/update.xml",
    "http://10.0.4.100:80/__lbheartbeat__",
    "/update/6/Firefox/120.0/20231113165053/WINNT_x86_64-msvc-x64/en-US/release-cck-mozilla123/"
        + "Windows_NT%252010.0.0.0.22631.2715%2520(x64)/ISET%3ASSE4_2%2CMEM%3A16384/default/default/update.xml",
    "https://aus-api.mozilla.org:443/api/v1/rules/firefox-release",
    "/json/1/FirefoxVPN/2.14.0/WINNT_x86_64/release/update.json",
  };
}
