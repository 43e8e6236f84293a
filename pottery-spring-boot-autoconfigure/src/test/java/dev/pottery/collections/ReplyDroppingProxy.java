package dev.pottery.collections;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A TCP proxy in front of a Redis server that can lose one reply: once {@link #dropReplyAfter(int)} is armed, a reply
 * Redis sends back are discarded and the client's connection is closed. Redis has run the command; the client
 * never hears so, which is what a connection killed between a command's execution and its reply looks like.
 */
final class ReplyDroppingProxy implements AutoCloseable {

	private final ServerSocket server;

	private final InetSocketAddress target;

	/** Replies still to pass before the one to drop; negative: drop none. */
	private final AtomicInteger toPass = new AtomicInteger(-1);

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private volatile CountDownLatch dropped = new CountDownLatch(1);

	private volatile boolean refusing;

	private final CountDownLatch refused = new CountDownLatch(1);

	ReplyDroppingProxy(String host, int port) throws IOException {
		this.target = new InetSocketAddress(host, port);
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "reply-dropping-proxy");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** The port clients connect to. */
	int port() {
		return this.server.getLocalPort();
	}

	/**
	 * Let {@code pass} replies through, then discard the next one and close that client's connection.
	 * @param pass the replies to pass first (each command's reply arrives in one read: small replies, one client)
	 */
	void dropReplyAfter(int pass) {
		this.dropped = new CountDownLatch(1);
		this.toPass.set(pass);
	}

	/** Wait until the armed reply was dropped. */
	void awaitDropped() throws InterruptedException {
		assertThat(this.dropped.await(30, TimeUnit.SECONDS)).as("a reply was dropped").isTrue();
	}

	/**
	 * Close new client connections at once (until {@link #open()}), so that a client cannot reconnect.
	 */
	void refuse() {
		this.refusing = true;
	}

	/** Let clients connect again. */
	void open() {
		this.refusing = false;
	}

	/** Wait until a connection was refused: its client noticed it was disconnected and tries to reconnect. */
	void awaitRefused() throws InterruptedException {
		assertThat(this.refused.await(30, TimeUnit.SECONDS)).as("a connection was refused").isTrue();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				if (this.refusing) {
					client.close();
					this.refused.countDown();
					continue;
				}
				Socket redis = new Socket();
				redis.connect(this.target, 30_000);
				client.setTcpNoDelay(true);
				redis.setTcpNoDelay(true);
				this.sockets.add(client);
				this.sockets.add(redis);
				pump(client, redis, false);
				pump(redis, client, true);
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void pump(Socket from, Socket to, boolean replies) {
		Thread pump = new Thread(() -> {
			byte[] buffer = new byte[16 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					if (replies && this.toPass.getAndUpdate((n) -> (n >= 0) ? n - 1 : n) == 0) {
						to.close();
						from.close();
						this.dropped.countDown();
						return;
					}
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// one side closed
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "reply-dropping-proxy-pump");
		pump.setDaemon(true);
		pump.start();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		for (Socket socket : this.sockets) {
			closeQuietly(socket);
		}
	}

}
