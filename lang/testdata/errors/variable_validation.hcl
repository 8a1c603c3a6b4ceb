pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
variable "replicas" {
  type    = number
  default = 0 # ERROR PC0025
  validation {
    condition     = var.replicas > 0
    error_message = "replicas must be positive."
  }
}
gitops {
  repository = "https://github.com/org/app.git"
  path       = "deploy"
}
environment "staging" { # WARNING PC0039
  replicas = var.replicas
}
