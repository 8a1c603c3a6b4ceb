pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
gitops {
  repository = "https://github.com/org/app.git"
  path       = "deploy"
}
image "app" {
  repository = "ghcr.io/org/app"
}
secret "db" { # WARNING PC0028
  kubernetes = "My_DB_Secret" # ERROR PC0021
}
workload "api" {
  image = image.app
}
environment "prod" {}
