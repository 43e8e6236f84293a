package dev.pottery.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The sample application: on an embedded Redis (unless {@code spring.data.redis.url} is set), {@link Tour} uses a
 * map and a Bloom filter declared in {@code application.yml}, a Redlock and a NextId from the
 * {@link dev.pottery.Pottery} facade, a {@code @Synchronized} and a {@code @RedisCached} method, logs what it did,
 * deletes its keys and exits 0.
 */
@SpringBootApplication
public class PotterySampleApplication {

	public static void main(String[] args) {
		System.exit(SpringApplication.exit(SpringApplication.run(PotterySampleApplication.class, args)));
	}

}
