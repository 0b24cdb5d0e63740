import ArgumentParser
import GlareKit

struct Init: GlareCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a study of your own: a roster template, a sources file and the next steps, in DIR.",
        discussion: """
            Writes roster.yaml (commented, two people to replace), examples/freethe20-roster.yaml (the whole \
            #FreeThe20 roster, to copy from), sources.yaml (every kind of fetched source, commented out) and \
            NEXT-STEPS.md. Run Glare in that folder and it finds them, and keeps its store in glare.sqlite \
            there (created by the first import). Nothing is overwritten: a folder that holds any of these files \
            is refused (exit 73).
            """
    )

    @Argument(help: ArgumentHelp("The study folder (created if needed).", valueName: "dir"))
    var dir = "."

    func execute() throws -> ExitStatus {
        let result = try StudyTemplate.write(to: dir)
        for f in result.files { emit("created: \(dir == "." ? f : dir + "/" + f)\n") }
        emit("\n" + (dir == "." ? "" : "cd \(dir)\n") + result.nextSteps)
        return .ok
    }
}
