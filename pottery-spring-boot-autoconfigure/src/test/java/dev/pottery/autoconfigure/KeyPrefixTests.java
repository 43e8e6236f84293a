package dev.pottery.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.pottery.Pottery;
import dev.pottery.cache.RedisCached;
import dev.pottery.collections.RedisMap;
import dev.pottery.id.NextId;
import dev.pottery.sync.Synchronized;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pottery.key-prefix}: one rule for every key Pottery derives from a name (structures, the facade's
 * factory methods, {@code @RedisCached} and {@code @Synchronized}), with pottery's own namespaces (redlock:,
 * nextid:) in front; without a prefix, the keys are pottery's.
 */
@RealRedis
class KeyPrefixTests {

	private final RedisServer redis;

	private final ApplicationContextRunner runner;

	KeyPrefixTests(RedisServer redis) {
		this.redis = redis;
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, DataRedisAutoConfiguration.class,
					PotteryAutoConfiguration.class, PotteryAspectsAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + redis.url(), "pottery.redlock.master-timeout=2s",
					"pottery.structures.kp-carts.type=map", "pottery.structures.kp-orders.type=next-id")
			.withBean(Shop.class, () -> new Shop(redis));
	}

	@Test
	void everyKeyGetsThePrefixBehindPotterysNamespaces() {
		this.runner.withPropertyValues("pottery.key-prefix=shop:").run((context) -> {
			List<String> keys = use(context.getBean(Pottery.class), context.getBean("kp-carts", RedisMap.class),
					context.getBean("kp-orders", NextId.class), context.getBean(Shop.class));
			assertThat(keys).containsExactly("shop:kp-carts", "nextid:shop:kp-orders", "shop:kp-tel",
					"redlock:shop:kp-printer", "nextid:shop:kp-invoices", "shop:kp-prices", "redlock:shop:kp-settle");
		});
	}

	@Test
	void withoutAPrefixTheKeysArePotterys() {
		this.runner.run((context) -> {
			List<String> keys = use(context.getBean(Pottery.class), context.getBean("kp-carts", RedisMap.class),
					context.getBean("kp-orders", NextId.class), context.getBean(Shop.class));
			assertThat(keys).containsExactly("kp-carts", "nextid:kp-orders", "kp-tel", "redlock:kp-printer",
					"nextid:kp-invoices", "kp-prices", "redlock:kp-settle");
		});
	}

	/** Uses one of each and returns the Redis keys that existed, in order; deletes them. */
	@SuppressWarnings("unchecked")
	private List<String> use(Pottery pottery, RedisMap<?, ?> carts, NextId orders, Shop shop) {
		List<String> keys = new ArrayList<>();
		try {
			((RedisMap<Object, Object>) carts).put("apples", 3);
			keys.add(only("*kp-carts"));
			orders.next();
			keys.add(only("*kp-orders"));
			pottery.map("kp-tel", String.class, Integer.class).put("jack", 4098);
			keys.add(only("*kp-tel"));
			try (var held = pottery.redlock("kp-printer").acquire()) {
				keys.add(only("*kp-printer"));
			}
			pottery.nextId("kp-invoices").next();
			keys.add(only("*kp-invoices"));
			shop.price("apples");
			keys.add(only("*kp-prices"));
			keys.add(shop.settle());
		}
		finally {
			List<String> all = this.redis.commands().keys("*kp-*");
			if (!all.isEmpty()) {
				this.redis.commands().del(all.toArray(String[]::new));
			}
		}
		return keys;
	}

	private String only(String pattern) {
		List<String> found = this.redis.commands().keys(pattern);
		assertThat(found).as(pattern).hasSize(1);
		return found.get(0);
	}

	static class Shop {

		private final RedisServer redis;

		Shop(RedisServer redis) {
			this.redis = redis;
		}

		@RedisCached(key = "kp-prices")
		public int price(String item) {
			return item.length();
		}

		/** Returns the lock's Redis key, seen while holding it. */
		@Synchronized(key = "kp-settle")
		public String settle() {
			List<String> found = this.redis.commands().keys("*kp-settle");
			assertThat(found).hasSize(1);
			return found.get(0);
		}

	}

}
