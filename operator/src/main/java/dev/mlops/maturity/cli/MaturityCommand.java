package dev.mlops.maturity.cli;
public class MaturityCommand { public static void main(String[] a){} }
