package dev.pottery.autoconfigure;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the password of a Redis URL, so that logs, failure reports and health details never show it.
 */
final class RedisUrls {

	private static final Pattern CREDENTIALS = Pattern.compile("^(rediss?://)([^:@/]*)(:[^@/]*)?@");

	private RedisUrls() {
	}

	/**
	 * Mask the password in a URL: {@code redis://user:secret@host} becomes {@code redis://user:****@host}. Text that
	 * is not a Redis URL is returned unchanged.
	 */
	static String mask(String text) {
		Matcher matcher = CREDENTIALS.matcher(text);
		if (!matcher.find()) {
			return text;
		}
		if (matcher.group(3) != null) {
			return matcher.group(1) + matcher.group(2) + ":****@" + text.substring(matcher.end());
		}
		// redis://secret@host: a lone user-info part is the password (Lettuce and redis-py read it so)
		return matcher.group(2).isEmpty() ? text : matcher.group(1) + "****@" + text.substring(matcher.end());
	}

}
