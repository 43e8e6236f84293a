package dev.pottery.sample;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The sample application: connects to Redis (an embedded server unless {@code spring.data.redis.url} is set),
 * writes and reads a value, and exits.
 */
@SpringBootApplication
public class PotterySampleApplication {

	private static final Log logger = LogFactory.getLog(PotterySampleApplication.class);

	public static void main(String[] args) {
		System.exit(SpringApplication.exit(SpringApplication.run(PotterySampleApplication.class, args)));
	}

	@Bean
	ApplicationRunner greeting(StringRedisTemplate redis) {
		return (args) -> {
			String key = "pottery-sample:greeting";
			redis.opsForValue().set(key, "Redis for Humans");
			String value = redis.opsForValue().get(key);
			redis.delete(key);
			if (!"Redis for Humans".equals(value)) {
				throw new IllegalStateException("Read back '" + value + "' from " + key);
			}
			logger.info("Wrote and read back '" + value + "' at " + key);
		};
	}

}
