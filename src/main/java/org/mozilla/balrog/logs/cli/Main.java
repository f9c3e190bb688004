package org.mozilla.balrog.logs.cli;
public final class Main { public static void main(String[] a) { System.out.println("hi"); } }
