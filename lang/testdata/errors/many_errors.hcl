# Several independent mistakes: all are reported in one run.
pipeline "app" {
  repository = "github.com/org/app"
  ci         = ["github", "jenkins"] # ERROR PC0009
  on {
    push = ["main"]
  }
}
secret "tok" {}
test "unit" {
  image   = "node:20"
  run     = ["echo ${secret.tok}"] # ERROR PC0016
  timeout = "ten minutes" # ERROR PC0019
}
image "app" {
  repository = "ghcr.io/org/app"
  needs      = [test.unit, test.lint] # ERROR PC0012
  tags       = [git.sha]
}
gitops {
  repository = "https://github.com/org/app.git"
  path       = "deploy"
}
workload "api" {
  image = image.ap # ERROR PC0012
  port  = 70000 # ERROR PC0009
}
analysis "ok" {
  metric "m" {
    prometheus {
      address = "http://prom:9090"
      query   = "up"
    }
  }
}
environment "staging" {
  replicas = git.sha # ERROR PC0015
  canary {
    step { weight = 40 }
    step { weight = 20 } # ERROR PC0018
    step { analysis = analysis.okk } # ERROR PC0012
  }
  namespce = "stg" # ERROR PC0002
}
