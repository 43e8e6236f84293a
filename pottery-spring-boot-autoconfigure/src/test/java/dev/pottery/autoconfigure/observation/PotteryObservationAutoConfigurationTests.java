package dev.pottery.autoconfigure.observation;

import java.util.function.Consumer;

import dev.pottery.Pottery;
import dev.pottery.lock.QuorumNotAchievedException;
import dev.pottery.autoconfigure.PotteryAspectsAutoConfiguration;
import dev.pottery.autoconfigure.PotteryAutoConfiguration;
import dev.pottery.cache.RedisCached;
import dev.pottery.lock.Redlock;
import dev.pottery.sync.Synchronized;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import dev.pottery.observation.DefaultLockWaitObservationConvention;
import dev.pottery.observation.LockWaitObservationConvention;
import dev.pottery.observation.ObservationPotteryRecorder;
import dev.pottery.observation.PotteryRecorder;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.ObservationContextAssert;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PotteryObservationAutoConfiguration}: observations of locks, caches and NextIds in a
 * {@link TestObservationRegistry}, against a real Redis.
 */
@RealRedis
class PotteryObservationAutoConfigurationTests {

	private final RedisServer redis;

	private final ApplicationContextRunner runner;

	PotteryObservationAutoConfigurationTests(RedisServer redis) {
		this.redis = redis;
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, DataRedisAutoConfiguration.class,
					PotteryAutoConfiguration.class, PotteryAspectsAutoConfiguration.class,
					PotteryObservationAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + redis.url(), "pottery.redlock.master-timeout=2s")
			.withBean(ObservationRegistry.class, TestObservationRegistry::create)
			.withBean(Jobs.class, Jobs::new);
	}

	@AfterEach
	void nothingIsLeftBehind() {
		assertThat(this.redis.commands().keys("redlock:*")).isEmpty();
		this.redis.commands().del("nextid:observed", "observed-cache");
	}

	// ---- locks

	@Test
	void programmaticAcquireRecordsWaitAndHeld() {
		this.runner.run((context) -> {
			try (Redlock.Held held = context.getBean(Pottery.class).redlock("printer").acquire()) {
				assertThat(held.lock().isHeldByCurrentInstance()).isTrue();
			}
			TestObservationRegistry registry = registry(context.getBean(ObservationRegistry.class));
			assertThat(registry)
				.hasAnObservation(observed("pottery.lock.wait", "acquired"))
				.hasAnObservation(observed("pottery.lock.held", "released"));
			assertThat(registry).hasObservationWithNameEqualTo("pottery.lock.wait")
				.that()
				.hasLowCardinalityKeyValue("pottery.masters", "1")
				.doesNotHaveHighCardinalityKeyValueWithKey("pottery.key");
		});
	}

	@Test
	void synchronizedCallRecordsWaitAndHeld() {
		this.runner.run((context) -> {
			context.getBean(Jobs.class).nightly();
			assertThat(registry(context.getBean(ObservationRegistry.class)))
				.hasAnObservation(observed("pottery.lock.wait", "acquired"))
				.hasAnObservation(observed("pottery.lock.held", "released"))
				.hasNumberOfObservationsWithNameEqualTo("pottery.lock.wait", 1);
		});
	}

	@Test
	void acquisitionThatGivesUpRecordsTimeout() {
		this.runner.run((context) -> {
			Pottery pottery = context.getBean(Pottery.class);
			try (Redlock.Held held = pottery.redlock("busy").acquire()) {
				Redlock other = pottery.redlock("busy",
						pottery.redlockOptions().toBuilder().acquireBlocking(false).build());
				assertThatExceptionOfType(QuorumNotAchievedException.class).isThrownBy(other::acquire);
			}
			assertThat(registry(context.getBean(ObservationRegistry.class)))
				.hasAnObservation(observed("pottery.lock.wait", "timeout"))
				.hasAnObservation(observed("pottery.lock.wait", "acquired"));
		});
	}

	@Test
	void keysAreRecordedOnlyWhenIncluded() {
		this.runner.withPropertyValues("pottery.observations.include-keys=true").run((context) -> {
			context.getBean(Pottery.class).redlock("printer").acquire().close();
			assertThat(registry(context.getBean(ObservationRegistry.class)))
				.hasObservationWithNameEqualTo("pottery.lock.held")
				.that()
				.hasHighCardinalityKeyValue("pottery.key", "printer");
		});
	}

	@Test
	void userConventionReplacesTheDefault() {
		this.runner.withBean(LockWaitObservationConvention.class, CustomLockWaitConvention::new).run((context) -> {
			context.getBean(Pottery.class).redlock("printer").acquire().close();
			assertThat(registry(context.getBean(ObservationRegistry.class)))
				.hasObservationWithNameEqualTo("custom.lock.wait")
				.that()
				.hasLowCardinalityKeyValue("pottery.outcome", "acquired");
			assertThat(registry(context.getBean(ObservationRegistry.class)))
				.hasNumberOfObservationsWithNameEqualTo("pottery.lock.wait", 0);
		});
	}

	@Test
	void masterThatFailsIsCountedAsQuorumError() {
		this.runner.withPropertyValues("pottery.redlock.masters[0]=" + this.redis.url(),
				"pottery.redlock.masters[1]=redis://:secret@127.0.0.1:1").run((context) -> {
					Pottery pottery = context.getBean(Pottery.class);
					assertThat(pottery.redlock("printer").tryLock()).isFalse();
					assertThat(registry(context.getBean(ObservationRegistry.class)))
						.hasAnObservation(observed("pottery.lock.wait", "timeout"))
						.hasObservationWithNameEqualTo("pottery.quorum.errors")
						.that()
						.hasLowCardinalityKeyValue("pottery.master", "redis://:****@127.0.0.1:1")
						.hasError();
				});
	}

	// ---- caches and NextIds

	@Test
	void redisCachedRecordsMissThenHit() {
		this.runner.run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			assertThat(jobs.square(4)).isEqualTo(16);
			assertThat(jobs.square(4)).isEqualTo(16);
			assertThat(registry(context.getBean(ObservationRegistry.class)))
				.hasNumberOfObservationsWithNameEqualTo("pottery.cache.gets", 2)
				.hasAnObservation((observation) -> observation.hasNameEqualTo("pottery.cache.gets")
					.hasLowCardinalityKeyValue("pottery.cache", "observed-cache")
					.hasLowCardinalityKeyValue("pottery.outcome", "miss"))
				.hasAnObservation(observed("pottery.cache.gets", "hit"));
		});
	}

	@Test
	void nextIdRecordsIssued() {
		this.runner.run((context) -> {
			assertThat(context.getBean(Pottery.class).nextId("observed").next()).isPositive();
			assertThat(registry(context.getBean(ObservationRegistry.class)))
				.hasAnObservation(observed("pottery.nextid", "issued"));
		});
	}

	// ---- conditions

	@Test
	void withoutObservationRegistryNothingIsRecorded() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, PotteryAutoConfiguration.class,
					PotteryObservationAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + this.redis.url())
			.run((context) -> {
				assertThat(context).doesNotHaveBean(PotteryRecorder.class);
				assertThat(context.getBean(Pottery.class).recorder()).isSameAs(PotteryRecorder.NONE);
			});
	}

	@Test
	void withoutMicrometerLocksWorkAndNothingIsRecorded() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, DataRedisAutoConfiguration.class,
					PotteryAutoConfiguration.class, PotteryAspectsAutoConfiguration.class,
					PotteryObservationAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("io.micrometer.observation"))
			.withPropertyValues("spring.data.redis.url=" + this.redis.url(), "pottery.redlock.master-timeout=2s")
			.withBean(Jobs.class, Jobs::new)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(PotteryRecorder.class);
				context.getBean(Jobs.class).nightly();
				assertThat(context.getBean(Jobs.class).square(3)).isEqualTo(9);
				context.getBean(Pottery.class).redlock("printer").acquire().close();
				assertThat(context.getBean(Pottery.class).recorder()).isSameAs(PotteryRecorder.NONE);
			});
	}

	@Test
	void userRecorderWins() {
		this.runner.withBean("myRecorder", PotteryRecorder.class, () -> PotteryRecorder.NONE).run((context) -> {
			assertThat(context).doesNotHaveBean(ObservationPotteryRecorder.class);
			assertThat(context.getBean(Pottery.class).recorder()).isSameAs(PotteryRecorder.NONE);
		});
	}

	@SuppressWarnings("rawtypes") // TestObservationRegistryAssert.hasAnObservation takes the raw type
	private static Consumer<ObservationContextAssert> observed(String name, String outcome) {
		return (observation) -> observation.hasNameEqualTo(name).hasLowCardinalityKeyValue("pottery.outcome", outcome);
	}

	private static TestObservationRegistry registry(ObservationRegistry registry) {
		return (TestObservationRegistry) registry;
	}

	/** A user's convention: another name, the default tags. */
	static class CustomLockWaitConvention extends DefaultLockWaitObservationConvention {

		@Override
		public String getName() {
			return "custom.lock.wait";
		}

	}

	/** Annotated methods; public, so that a proxy class defined in the filtered class loader can extend it. */
	public static class Jobs {

		@Synchronized
		public void nightly() {
		}

		@RedisCached(key = "observed-cache")
		public int square(int value) {
			return value * value;
		}

	}

}
