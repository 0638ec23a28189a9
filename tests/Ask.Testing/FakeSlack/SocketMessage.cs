using System.Text.Json.Nodes;

namespace Ask.Testing.FakeSlack;

/// <summary>A message the bot sent over a Socket Mode connection, with its arrival time from the server's start.</summary>
public sealed record SocketMessage(JsonObject Body, TimeSpan At);
