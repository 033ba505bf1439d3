var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

var books = new Dictionary<int, Book>
{
    [1] = new Book(1, "Dune"),
    [2] = new Book(2, "Kindred"),
};

app.MapGet("/health", () => Results.Ok(new { status = "ok" }));

app.MapGet("/books/{id:int}", (int id) =>
    books.TryGetValue(id, out var book)
        ? Results.Ok(book)
        : Results.NotFound(new { error = "book not found" }));

app.Run();

record Book(int Id, string Title);
