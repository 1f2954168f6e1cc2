namespace Languru.Api.Redis;

/// <summary>
/// The shared store (Redis) could not be reached for something that can't be answered without it: a stored response,
/// or a rate limit when <see cref="RedisOptions.FailClosed"/> is set. Answered with 503 <c>state_unavailable</c>.
/// </summary>
public sealed class StateUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);
