namespace Ask.Hosting.Tests;

/// <summary>The stores <c>Ask:Store</c> chooses between.</summary>
public enum Store { Embedded, Qdrant }
