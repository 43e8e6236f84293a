package dev.pottery.autoconfigure.cache;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cache.annotation.AnnotationCacheOperationSource;
import org.springframework.cache.interceptor.CacheOperation;
import org.springframework.cache.interceptor.CachePutOperation;
import org.springframework.cache.interceptor.CacheableOperation;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Learns, as each bean is created, the value type of every cache its {@code @Cacheable} and {@code @CachePut}
 * methods use: the method's generic return type ({@code Optional<T>} counts as {@code T}, as Spring caches the
 * content). A cache used by methods of different return types decodes into JSON's natural types, with a warning.
 * Reads annotations only; no Redis I/O.
 */
final class CacheableReturnTypes implements BeanPostProcessor {

	private static final Log logger = LogFactory.getLog(CacheableReturnTypes.class);

	private static final ResolvableType CONFLICT = ResolvableType.forClass(Object.class);

	private final AnnotationCacheOperationSource operations = new AnnotationCacheOperationSource();

	private final Map<String, ResolvableType> types = new ConcurrentHashMap<>();

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		Class<?> targetClass = ClassUtils.getUserClass(AopUtils.getTargetClass(bean));
		if (!this.operations.isCandidateClass(targetClass)) {
			return bean;
		}
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(targetClass, ReflectionUtils.USER_DECLARED_METHODS)) {
			Collection<CacheOperation> found = this.operations.getCacheOperations(method, targetClass);
			if (found == null || found.isEmpty()) {
				continue;
			}
			ResolvableType type = valueType(method, targetClass);
			if (type == null) {
				continue;
			}
			for (CacheOperation operation : found) {
				if (operation instanceof CacheableOperation || operation instanceof CachePutOperation) {
					operation.getCacheNames().forEach((name) -> learn(name, type, method));
				}
			}
		}
		return bean;
	}

	private static @Nullable ResolvableType valueType(Method method, Class<?> targetClass) {
		ResolvableType type = ResolvableType.forMethodReturnType(method, targetClass);
		Class<?> raw = type.resolve(Object.class);
		if (raw == void.class || CompletionStage.class.isAssignableFrom(raw) || Publisher.class.isAssignableFrom(raw)) {
			return null;
		}
		if (raw == Optional.class) {
			return type.getGeneric(0);
		}
		return raw.isPrimitive() ? ResolvableType.forClass(ClassUtils.resolvePrimitiveIfNecessary(raw)) : type;
	}

	private void learn(String name, ResolvableType type, Method method) {
		this.types.merge(name, type, (known, learned) -> {
			if (known == CONFLICT || known.toString().equals(learned.toString())) {
				return known;
			}
			logger.warn("Cache '" + name + "' is used by methods returning " + known + " and " + learned + " (" + method
					+ "); its values are decoded into JSON's natural types. Declare its type with a "
					+ "PotteryCacheManagerCustomizer, or give the methods caches of their own.");
			return CONFLICT;
		});
	}

	/**
	 * The learned value type of a cache.
	 * @param name the cache name
	 * @return the type, or {@code null} when unknown or ambiguous
	 */
	@Nullable ResolvableType typeOf(String name) {
		ResolvableType type = this.types.get(name);
		return (type == CONFLICT) ? null : type;
	}

	List<String> names() {
		return List.copyOf(this.types.keySet());
	}

}
