import ArgumentParser
import GlareKit

struct Completions: GlareCommand {
    static let configuration = CommandConfiguration(
        commandName: "completions",
        abstract: "Print the shell completion script for bash, zsh or fish.",
        discussion: """
            bash: glare completions bash > ~/.local/share/bash-completion/completions/glare. \
            zsh: glare completions zsh > ~/.zfunc/_glare (with fpath+=~/.zfunc before compinit in ~/.zshrc). \
            fish: glare completions fish > ~/.config/fish/completions/glare.fish. scripts/install puts all \
            three under its prefix.
            """
    )

    @Argument(help: ArgumentHelp("The shell: bash, zsh or fish.", valueName: "shell"))
    var shell: Shell

    enum Shell: String, ExpressibleByArgument, CaseIterable { case bash, zsh, fish }

    func execute() throws -> ExitStatus {
        let shells: [Shell: CompletionShell] = [.bash: .bash, .zsh: .zsh, .fish: .fish]
        emit(Glare.completionScript(for: shells[shell]!))
        return .ok
    }
}
