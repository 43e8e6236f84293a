package dev.pottery.collections;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.event.EventBus;
import io.lettuce.core.event.EventPublisherOptions;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.protocol.CommandHandler;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.EventLoopGroupProvider;
import io.lettuce.core.resource.NettyCustomizer;
import io.lettuce.core.resource.SocketAddressResolver;
import io.lettuce.core.tracing.Tracing;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.Timer;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;

/**
 * Fails the commands that were sent on a connection that dropped before their replies arrived, so that Lettuce does
 * not send them again after it reconnects.
 *
 * <p>Lettuce (7.5) keeps a connection's sent, unanswered commands in its {@link CommandHandler}'s stack; when the
 * channel goes inactive, {@code DefaultEndpoint.notifyDrainQueuedCommands} moves them into its disconnected buffer and
 * writes them again once reconnected. Its {@link io.lettuce.core.ClientOptions#getReplayFilter() replay filter} is
 * not consulted on that path (only for commands issued while disconnected and for failed writes), so Redis may run a
 * command twice whose first reply was lost: the caller sees one normal return. This handler sits at the head of each
 * of Pottery's channels and, when the channel goes inactive, completes every such command exceptionally first
 * ({@link PotteryConnection#NOT_RESENT}); Lettuce skips completed commands when it replays.
 *
 * <p>It is installed through a {@link ClientResources} view of the application's resources (same event loops, timer
 * and event bus) whose {@link NettyCustomizer} adds it; shutting that view down does nothing.
 */
@ChannelHandler.Sharable
final class UnansweredCommands extends ChannelInboundHandlerAdapter {

	static final UnansweredCommands INSTANCE = new UnansweredCommands();

	private UnansweredCommands() {
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		CommandHandler handler = ctx.pipeline().get(CommandHandler.class);
		if (handler != null) {
			// a copy: completing a command runs its callbacks here, and they may write new commands
			List<RedisCommand<?, ?, ?>> unanswered = new ArrayList<>(handler.getStack());
			for (RedisCommand<?, ?, ?> command : unanswered) {
				if (!command.isDone()) {
					command.completeExceptionally(lost(command));
				}
			}
		}
		super.channelInactive(ctx);
	}

	static RedisConnectionException lost(RedisCommand<?, ?, ?> command) {
		return new RedisConnectionException("The connection to Redis was lost before the reply to " + command.getType()
				+ " arrived; " + PotteryConnection.NOT_RESENT);
	}

	/**
	 * The client resources of Pottery's own factory: {@code base}'s, with this handler added to every channel.
	 * @param base the application's resources (or resources Pottery owns)
	 * @return a view that delegates to {@code base}; its shutdown does nothing
	 */
	static ClientResources resources(ClientResources base) {
		return new Resources(base);
	}

	/** Adds the handler after the base resources' own customizer ran. */
	private record Customizer(NettyCustomizer base) implements NettyCustomizer {

		@Override
		public void afterBootstrapInitialized(Bootstrap bootstrap) {
			this.base.afterBootstrapInitialized(bootstrap);
		}

		@Override
		public void afterChannelInitialized(Channel channel) {
			this.base.afterChannelInitialized(channel);
			channel.pipeline().addFirst(INSTANCE);
		}

	}

	/** {@code base} with {@link Customizer}; shutting it down leaves {@code base} running. */
	private static final class Resources implements ClientResources {

		private final ClientResources base;

		private final NettyCustomizer customizer;

		Resources(ClientResources base) {
			this.base = base;
			this.customizer = new Customizer(base.nettyCustomizer());
		}

		@Override
		public Builder mutate() {
			return this.base.mutate().nettyCustomizer(this.customizer);
		}

		@Override
		public Future<Boolean> shutdown() {
			return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
		}

		@Override
		public Future<Boolean> shutdown(long quietPeriod, long timeout, TimeUnit timeUnit) {
			return shutdown();
		}

		@Override
		public AddressResolverGroup<?> addressResolverGroup() {
			return this.base.addressResolverGroup();
		}

		@Override
		public EventPublisherOptions commandLatencyPublisherOptions() {
			return this.base.commandLatencyPublisherOptions();
		}

		@Override
		public CommandLatencyRecorder commandLatencyRecorder() {
			return this.base.commandLatencyRecorder();
		}

		@Override
		public int computationThreadPoolSize() {
			return this.base.computationThreadPoolSize();
		}

		@Override
		public EventBus eventBus() {
			return this.base.eventBus();
		}

		@Override
		public EventLoopGroupProvider eventLoopGroupProvider() {
			return this.base.eventLoopGroupProvider();
		}

		@Override
		public EventExecutorGroup eventExecutorGroup() {
			return this.base.eventExecutorGroup();
		}

		@Override
		public int ioThreadPoolSize() {
			return this.base.ioThreadPoolSize();
		}

		@Override
		public NettyCustomizer nettyCustomizer() {
			return this.customizer;
		}

		@Override
		public Delay reconnectDelay() {
			return this.base.reconnectDelay();
		}

		@Override
		public SocketAddressResolver socketAddressResolver() {
			return this.base.socketAddressResolver();
		}

		@Override
		public Timer timer() {
			return this.base.timer();
		}

		@Override
		public Tracing tracing() {
			return this.base.tracing();
		}

	}

}
