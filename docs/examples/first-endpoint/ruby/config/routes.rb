Rails.application.routes.draw do
  get "/health", to: "health#show"
  get "/books/:id", to: "books#show", constraints: { id: /\d+/ }
end
