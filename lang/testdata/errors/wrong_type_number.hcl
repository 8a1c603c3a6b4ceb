pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
secret "tok" {}
image "app" {
  repository = "ghcr.io/org/app"
  login {
    username = "bot"
    password = secret.tok
  }
}
gitops {
  repository = "https://github.com/org/manifests.git"
  path       = "apps/app"
  token      = secret.tok
}
workload "api" {
  image    = image.app
  replicas = "three" # ERROR PC0008
}
environment "staging" {}
