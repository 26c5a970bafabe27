package io.sightline.perception.scene;

/** What kind of referring expression a phrase is; evaluation reports accuracy per kind. */
public enum ExpressionKind {
    /** Colour and/or shape only: "the green cone". */
    ATTRIBUTE,
    /** A relation to another object in the robot frame: "the red cup left of the blue box". */
    RELATIONAL,
    /** An extreme over the scene: "the bottle nearest to the robot". */
    SUPERLATIVE,
    /** Refers to nothing in the frame: "the purple ball" when there is none. */
    NO_TARGET
}
