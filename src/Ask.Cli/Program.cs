Console.WriteLine("ask");
