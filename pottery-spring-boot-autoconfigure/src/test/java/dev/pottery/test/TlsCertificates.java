package dev.pottery.test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for {@code 127.0.0.1} and {@code localhost}, generated at test time with the JDK's own
 * {@code keytool} (no other tool needed), written as the PEM files {@code redis-server} reads ({@code redis.crt},
 * PKCS#8 {@code redis.key}) and as a PKCS#12 trust store for Java clients.
 *
 * @param directory where the files are
 * @param certificate the certificate, PEM (also the CA: it is self-signed)
 * @param privateKey the private key, PKCS#8 PEM
 * @param trustStore a PKCS#12 store holding the certificate, password {@link #PASSWORD}
 */
public record TlsCertificates(Path directory, Path certificate, Path privateKey, Path trustStore) {

	/** The password of the generated stores. */
	public static final String PASSWORD = "changeit";

	/**
	 * Generate a key pair and certificate in a new temporary directory.
	 * @return the files
	 */
	public static TlsCertificates generate() {
		try {
			Path directory = Files.createTempDirectory("pottery-tls-");
			Path keyStore = directory.resolve("redis.p12");
			Path trustStore = directory.resolve("trust.p12");
			Path certificate = directory.resolve("redis.crt");
			Path privateKey = directory.resolve("redis.key");
			keytool("-genkeypair", "-alias", "redis", "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg",
					"SHA256withECDSA", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
					"-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
					"-keypass", PASSWORD);
			KeyStore store = KeyStore.getInstance("PKCS12");
			try (InputStream in = Files.newInputStream(keyStore)) {
				store.load(in, PASSWORD.toCharArray());
			}
			Certificate cert = store.getCertificate("redis");
			Key key = store.getKey("redis", PASSWORD.toCharArray());
			Files.writeString(certificate, pem("CERTIFICATE", cert.getEncoded()));
			Files.writeString(privateKey, pem("PRIVATE KEY", key.getEncoded()));
			KeyStore trust = KeyStore.getInstance("PKCS12");
			trust.load(null, null);
			trust.setCertificateEntry("redis", cert);
			try (var out = Files.newOutputStream(trustStore)) {
				trust.store(out, PASSWORD.toCharArray());
			}
			return new TlsCertificates(directory, certificate, privateKey, trustStore);
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("Could not generate a test certificate: " + ex, ex);
		}
	}

	private static void keytool(String... arguments) throws IOException {
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IOException("keytool failed: " + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IOException("Interrupted while running keytool", ex);
		}
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

}
