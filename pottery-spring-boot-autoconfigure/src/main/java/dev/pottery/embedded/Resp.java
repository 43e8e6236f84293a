package dev.pottery.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One Redis command over a fresh socket, without a client library: enough RESP2 for setting up embedded topologies
 * (simple strings, errors, integers, bulk strings and arrays of them).
 */
final class Resp {

	private Resp() {
	}

	/**
	 * Send one command to {@code node} and read its reply.
	 * @return a {@code String} (simple string, bulk string, or an error as {@code -ERR ...}; a nil bulk string as
	 * {@code ""}), a {@code Long}, or a {@code List} of those
	 */
	static Object command(EmbeddedRedisServer node, String... command) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(node.host(), node.port()), 1000);
			socket.setSoTimeout(5000);
			StringBuilder request = new StringBuilder().append('*').append(command.length).append("\r\n");
			for (String part : command) {
				request.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part)
					.append("\r\n");
			}
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.UTF_8));
			out.flush();
			return read(socket.getInputStream());
		}
		catch (IOException | RuntimeException ex) {
			throw new EmbeddedRedisException("Could not send " + String.join(" ", command) + " to " + node + ": "
					+ ex.getMessage(), ex);
		}
	}

	/** {@link #command} for replies that are not arrays. */
	static String call(EmbeddedRedisServer node, String... command) {
		Object reply = command(node, command);
		return (reply instanceof List<?>) ? reply.toString() : String.valueOf(reply);
	}

	private static Object read(InputStream in) throws IOException {
		String line = readLine(in);
		switch (line.charAt(0)) {
			case '$' -> {
				int length = Integer.parseInt(line.substring(1));
				if (length < 0) {
					return "";
				}
				String value = new String(in.readNBytes(length), StandardCharsets.UTF_8);
				in.readNBytes(2);
				return value;
			}
			case '*' -> {
				int count = Integer.parseInt(line.substring(1));
				List<Object> items = new ArrayList<>(Math.max(count, 0));
				for (int i = 0; i < count; i++) {
					items.add(read(in));
				}
				return items;
			}
			case ':' -> {
				return Long.parseLong(line.substring(1));
			}
			case '-' -> {
				// the error text is returned as is, for messages
				return line;
			}
			default -> {
				return line.substring(1);
			}
		}
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int previous = -1;
		int current;
		while ((current = in.read()) >= 0) {
			if (previous == '\r' && current == '\n') {
				byte[] bytes = line.toByteArray();
				return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
			}
			line.write(current);
			previous = current;
		}
		throw new IOException("connection closed before a complete reply");
	}

}
